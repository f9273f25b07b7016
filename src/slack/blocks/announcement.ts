/** What the announcement channel sees: one root post per incident, kept current, with a thread of changes. */

import { formatDuration } from "../../incidents/duration";
import type { Incident, IncidentEvent } from "../../incidents/incident";
import { parseEventData } from "../../incidents/incident";
import { ROLE_LABELS, STATUS_LABELS, type Status } from "../../incidents/model";
import type { PostContent } from "../../jobs/post-once";
import { incidentTitle, person, severityBadge, statusText } from "./incident-text";
import { context, section, userText } from "./text";
import { slackTime } from "./time";

export function announcement(incident: Incident, now = Date.now()): PostContent {
  const open = incident.status !== "resolved";
  const where = incident.channelId ? `<#${incident.channelId}>` : "its channel (opening…)";
  const lead = open
    ? `:rotating_light: *${incidentTitle(incident)}*`
    : `:white_check_mark: *${incidentTitle(incident)}* (resolved after ${formatDuration((incident.resolvedAt ?? now) - incident.declaredAt)})`;
  return {
    text: `${incidentTitle(incident)}: ${incident.severity} · ${statusText(incident)}`,
    blocks: [
      section(
        `${lead}\n${severityBadge(incident)} · *${statusText(incident)}* · Commander ${person(incident.commanderId)}\nJoin ${where} to help.`,
      ),
      context(`Declared by ${person(incident.declaredBy)} ${slackTime(incident.declaredAt)}`),
    ],
    unfurl_links: false,
  };
}

/**
 * A line for one change (status, severity, role, resolve), told as it was when it happened:
 * a reply posted late must not claim a state the incident has since left.
 */
export function changeReply(incident: Incident, event: IncidentEvent): PostContent {
  const data = parseEventData(event);
  const by = event.actorId ? ` by ${person(event.actorId)}` : "";
  const status = (to: string | null | undefined) => (to && to in STATUS_LABELS ? STATUS_LABELS[to as Status] : to);
  let line: string;
  switch (event.kind) {
    case "status":
      line = `Status is now *${status(data.to)}*`;
      break;
    case "severity":
      line = `Severity is now *${data.to}* (was ${data.from})`;
      break;
    case "role":
      line = `${data.role ? ROLE_LABELS[data.role] : "Role"}: ${person(data.to)}`;
      break;
    case "resolved":
      // Bold stops at a newline or a stray *: only the word is bold, the summary is as written.
      line = `*Resolved* ${userText(event.text.replace(/^Resolved /, ""))}`;
      break;
    case "reopened":
      line = `*Reopened* as ${status(data.to)}`;
      break;
    default:
      line = userText(event.text);
  }
  // The fallback text is mrkdwn too (notifications, screen readers): escaped, or an update
  // saying "<!channel>" would ping everyone.
  return { text: `INC-${incident.number}: ${userText(event.text)}`, blocks: [section(`${line}${by}`)] };
}

/** A status update, as posted in the incident channel and under the announcement. */
export function updatePost(incident: Incident, event: IncidentEvent): PostContent {
  const quoted = userText(event.text)
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
  return {
    text: `Update on INC-${incident.number}: ${userText(event.text)}`,
    blocks: [
      section(
        `:mega: *Update on ${incidentTitle(incident)}* · ${incident.severity} · ${statusText(incident)}\n${quoted}`,
      ),
      context(`Posted by ${person(event.actorId)} ${slackTime(event.occurredAt)}`),
    ],
  };
}
