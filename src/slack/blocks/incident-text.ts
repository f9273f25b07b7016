/** The words an incident's state is described with, in every Slack surface. */
import type { Incident } from "../../incidents/incident";
import { severityOf, statusOf } from "../../incidents/incident";
import { SEVERITY_LABELS, STATUS_LABELS } from "../../incidents/model";
import { userText } from "./text";

const SEVERITY_EMOJI = {
  SEV1: ":red_circle:",
  SEV2: ":large_orange_circle:",
  SEV3: ":large_yellow_circle:",
  SEV4: ":large_blue_circle:",
};

export function severityBadge(incident: Incident): string {
  return `${SEVERITY_EMOJI[severityOf(incident)]} ${SEVERITY_LABELS[severityOf(incident)]}`;
}

export function statusText(incident: Incident): string {
  return STATUS_LABELS[statusOf(incident)];
}

export function person(userId: string | null | undefined, none = "_unassigned_"): string {
  return userId ? `<@${userId}>` : none;
}

/** "INC-4 · Database down", escaped for mrkdwn; a private incident wears a lock. */
export function incidentTitle(incident: Incident): string {
  return `${incident.isPrivate ? ":lock: " : ""}INC-${incident.number} · ${userText(incident.title)}`;
}

/** The channel topic: `SEV2 · Investigating · Commander @x` (Slack caps topics at 250). */
export function incidentTopic(incident: Incident): string {
  const commander = incident.commanderId ? `Commander <@${incident.commanderId}>` : "No commander yet";
  return `${incident.severity} · ${statusText(incident)} · ${commander}`.slice(0, 250);
}
