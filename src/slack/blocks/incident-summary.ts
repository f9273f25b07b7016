/** The live summary pinned in the incident channel, with the buttons that drive the incident. */
import type { AnyMessageBlock, Button } from "slack-edge";
import { formatDuration } from "../../incidents/duration";
import { type Incident, isOpen } from "../../incidents/incident";
import type { PostContent } from "../../jobs/post-once";
import { ACTION } from "../ids";
import { incidentTitle, person, severityBadge, statusText } from "./incident-text";
import { context, mrkdwn, plain, section, userText } from "./text";
import { slackTime } from "./time";

const button = (action_id: string, text: string, incident: Incident, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id,
  text: plain(text),
  value: String(incident.id),
  ...(style ? { style } : {}),
});

/** The buttons every summary carries; Resolve only while the incident is open. */
export function incidentActions(incident: Incident): AnyMessageBlock {
  return {
    type: "actions",
    elements: [
      button(ACTION.updateStatus, "Update status", incident),
      button(ACTION.changeSeverity, "Change severity", incident),
      button(ACTION.assignRole, "Assign role", incident),
      button(ACTION.postUpdate, "Post update", incident, "primary"),
      ...(isOpen(incident) ? [button(ACTION.resolve, "Resolve", incident, "danger")] : []),
    ],
  };
}

export function incidentSummary(incident: Incident, command: string, now = Date.now()): PostContent {
  const open = isOpen(incident);
  const age = formatDuration((incident.resolvedAt ?? now) - incident.declaredAt);
  const blocks: AnyMessageBlock[] = [
    { type: "header", text: plain(`${open ? "🔥" : "✅"} INC-${incident.number} · ${incident.title}`) },
    {
      type: "section",
      fields: [
        mrkdwn(`*Severity*\n${severityBadge(incident)}`),
        mrkdwn(`*Status*\n${statusText(incident)}`),
        mrkdwn(`*Commander*\n${person(incident.commanderId)}`),
        mrkdwn(`*Comms*\n${person(incident.commsId)}`),
        mrkdwn(`*Scribe*\n${person(incident.scribeId)}`),
        // A live age would go stale between edits; Slack renders the time in each viewer's zone.
        mrkdwn(open ? `*Open since*\n${slackTime(incident.declaredAt)}` : `*Resolved after*\n${age}`),
      ],
    },
  ];
  if (incident.summary) blocks.push(section(`*Summary*\n${userText(incident.summary)}`));
  if (!open && incident.resolution) blocks.push(section(`*Resolution*\n${userText(incident.resolution)}`));
  blocks.push(incidentActions(incident));
  blocks.push(
    context(
      `Declared by ${person(incident.declaredBy)} ${slackTime(incident.declaredAt)} · Last update ${slackTime(incident.lastUpdateAt)} · \`${command} help\` for commands`,
    ),
  );
  return { text: `${incidentTitle(incident)}: ${incident.severity} · ${statusText(incident)}`, blocks };
}
