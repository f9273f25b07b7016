/**
 * The postmortem draft, in Markdown, written from what happened: the phases and their
 * durations, the severity history, roles, the timeline and the updates. Pure: names and the
 * clock come in from outside.
 */
import { formatDuration } from "./duration";
import { type Incident, type IncidentEvent, parseEventData } from "./incident";
import { incidentRef, ROLE_LABELS, ROLES, STATUS_LABELS } from "./model";
import { severityHistory, statusPhases } from "./phases";
import { readableText } from "./readable-text";

export interface PostmortemInput {
  incident: Incident;
  events: IncidentEvent[];
  /** A display name for a user id (falls back to the id). */
  nameOf: (userId: string) => string;
  channelName?: string | null;
  generatedAt: number;
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
/** Markdown that cannot break our tables or headings. */
const md = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function postmortemMarkdown({ incident, events, nameOf, channelName, generatedAt }: PostmortemInput): string {
  const name = (id: string | null | undefined) => (id ? nameOf(id) : "—");
  const said = (text: string) => readableText(text, nameOf);
  const ended = incident.resolvedAt ?? generatedAt;
  const phases = statusPhases(incident, events);
  const severities = severityHistory(events);
  const peak = [...severities].sort((a, b) => a.severity.localeCompare(b.severity))[0]?.severity ?? incident.severity;
  const updates = events.filter((e) => e.kind === "update");
  const lines: string[] = [
    `# Postmortem draft: ${incidentRef(incident.number)} · ${md(said(incident.title))}`,
    "",
    `> Draft written by Firebreak on ${utc(generatedAt)} from the incident's timeline. Edit it freely; times are UTC.`,
    "",
    "| | |",
    "| --- | --- |",
    `| Severity | ${incident.severity}${peak !== incident.severity ? ` (peak ${peak})` : ""} |`,
    `| Status | ${STATUS_LABELS[incident.status as keyof typeof STATUS_LABELS] ?? incident.status} |`,
    `| Declared | ${utc(incident.declaredAt)} by ${md(name(incident.declaredBy))} |`,
    `| Resolved | ${incident.resolvedAt ? utc(incident.resolvedAt) : "not yet"} |`,
    `| Duration | ${formatDuration(ended - incident.declaredAt)}${incident.resolvedAt ? "" : " so far"} |`,
    ...(channelName ? [`| Channel | #${channelName} |`] : []),
    "",
    "## Summary",
    "",
    said(incident.summary) || "_What happened, in two or three sentences._",
    "",
    ...(incident.resolution ? [`**Resolution:** ${said(incident.resolution)}`, ""] : []),
    "## Impact",
    "",
    `_Who was affected, how, and for how long (the incident ran ${formatDuration(ended - incident.declaredAt)} at ${peak} at worst)._`,
    "",
    "## Severity history",
    "",
    ...severities.map(
      (s, i) => `- ${utc(s.at)}: ${s.severity}${i === 0 ? " (declared)" : ` (by ${md(name(s.actorId))})`}`,
    ),
    "",
    "## Status phases",
    "",
    "| Phase | Started | Duration |",
    "| --- | --- | --- |",
    ...phases.map((p) => {
      const label = STATUS_LABELS[p.status];
      if (p.status === "resolved") return `| ${label} | ${utc(p.start)} | — |`;
      const running = p.end === undefined;
      return `| ${label} | ${utc(p.start)} | ${formatDuration((p.end ?? ended) - p.start)}${running ? " (ongoing)" : ""} |`;
    }),
    "",
    "## Roles",
    "",
    ...ROLES.map((role) => {
      const id = role === "commander" ? incident.commanderId : role === "comms" ? incident.commsId : incident.scribeId;
      return `- ${ROLE_LABELS[role]}: ${md(name(id))}`;
    }),
    "",
    "## Timeline",
    "",
    ...events.map((e) => `- ${time(e.occurredAt)} ${md(timelineText(e, name))}`),
    "",
    "## Updates",
    "",
    ...(updates.length
      ? updates.map((u) => `- ${utc(u.occurredAt)}, ${md(name(u.actorId))}: ${md(said(u.text))}`)
      : ["_No updates were posted._"]),
    "",
    "## Action items",
    "",
    "- [ ] ",
    "",
  ];
  return lines.join("\n");
}

function timelineText(event: IncidentEvent, name: (id: string | null | undefined) => string): string {
  const data = parseEventData(event);
  if (event.kind === "role" && data.role)
    return `${ROLE_LABELS[data.role]}: ${name(data.to)} (by ${name(event.actorId)})`;
  const text = readableText(event.text, (id) => name(id));
  if (data.source) return `${name(data.source.authorId ?? event.actorId)}: ${text}`;
  return `${text}${event.actorId ? ` (${name(event.actorId)})` : ""}`;
}
