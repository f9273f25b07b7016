/** `/incident list` and the Open incidents button: the workspace's open incidents. */
import { formatDuration } from "../../incidents/duration";
import type { Incident } from "../../incidents/incident";
import { incidentTitle, person, severityBadge, statusText } from "./incident-text";
import type { EphemeralMessage } from "./options-menu";
import { context, plain, section } from "./text";

export function openIncidentsMessage(incidents: Incident[], command: string, now = Date.now()): EphemeralMessage {
  if (incidents.length === 0) {
    return {
      response_type: "ephemeral",
      text: "No open incidents.",
      blocks: [section(`:sunny: *No open incidents.* Declare one with \`${command} declare &lt;title&gt;\`.`)],
    };
  }
  return {
    response_type: "ephemeral",
    text: `${incidents.length} open incident${incidents.length === 1 ? "" : "s"}`,
    blocks: [
      { type: "header", text: plain(`Open incidents (${incidents.length})`) },
      ...incidents
        .slice(0, 45)
        .map((i) =>
          section(
            `*${incidentTitle(i)}*\n${severityBadge(i)} · ${statusText(i)} · open ${formatDuration(now - i.declaredAt)} · ${person(i.commanderId, "no commander")} · ${i.channelId ? `<#${i.channelId}>` : "_channel opening_"}`,
          ),
        ),
      ...(incidents.length > 45 ? [context(`…and ${incidents.length - 45} more.`)] : []),
    ],
  };
}
