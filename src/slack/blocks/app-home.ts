/** App Home: what is burning right now, and a way to declare. */
import type { AnyHomeTabBlock, HomeTabView } from "slack-edge";
import type { Incident } from "../../incidents/incident";
import { ACTION } from "../ids";
import { incidentTitle, person, severityBadge, statusText } from "./incident-text";
import { context, plain, section } from "./text";
import { slackTime } from "./time";

/** Stable for a given set of incidents (no "open for 5m"), so an unchanged home is not republished. */
export function appHomeView(open: Incident[], settingsUrl: string, command: string): HomeTabView {
  const blocks: AnyHomeTabBlock[] = [
    { type: "header", text: plain("Firebreak") },
    {
      type: "actions",
      elements: [{ type: "button", action_id: ACTION.declare, text: plain("Declare incident"), style: "primary" }],
    },
    { type: "divider" },
    { type: "header", text: plain(open.length ? `Open incidents (${open.length})` : "No open incidents") },
  ];
  if (!open.length)
    blocks.push(section(`:sunny: All quiet. Declare one with the button above or \`${command} declare\`.`));
  for (const incident of open.slice(0, 40)) {
    blocks.push(
      section(
        `*${incidentTitle(incident)}*\n${severityBadge(incident)} · ${statusText(incident)} · ${person(incident.commanderId, "no commander")} · ${incident.channelId ? `<#${incident.channelId}>` : "_opening_"} · since ${slackTime(incident.declaredAt)}`,
      ),
    );
  }
  if (open.length > 40) blocks.push(context(`…and ${open.length - 40} more: \`${command} list\` or the web.`));
  blocks.push(context(`Settings, reminders and the incident history: <${settingsUrl}|Firebreak on the web>`));
  return { type: "home", blocks };
}
