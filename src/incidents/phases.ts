/** The incident's life as status phases (from its timeline), and its severity history. */
import { type Incident, type IncidentEvent, parseEventData } from "./incident";
import { isSeverity, isStatus, type Severity, type Status } from "./model";

export interface Phase {
  status: Status;
  start: number;
  /** Undefined while the phase is still running (or for the final "resolved" point). */
  end?: number;
}

export function statusPhases(incident: Incident, events: IncidentEvent[]): Phase[] {
  const phases: Phase[] = [{ status: "investigating", start: incident.declaredAt }];
  for (const event of events) {
    if (event.kind !== "status" && event.kind !== "resolved" && event.kind !== "reopened") continue;
    const to = parseEventData(event).to ?? (event.kind === "resolved" ? "resolved" : undefined);
    if (!to || !isStatus(to)) continue;
    const last = phases[phases.length - 1];
    if (last && last.status === to) continue;
    if (last) last.end = event.occurredAt;
    phases.push({ status: to, start: event.occurredAt });
  }
  return phases;
}

export interface SeverityChange {
  severity: Severity;
  at: number;
  actorId: string | null;
}

export function severityHistory(events: IncidentEvent[]): SeverityChange[] {
  const history: SeverityChange[] = [];
  for (const event of events) {
    const data = parseEventData(event);
    const severity = event.kind === "declared" ? data.severity : event.kind === "severity" ? data.to : undefined;
    if (severity && isSeverity(severity)) history.push({ severity, at: event.occurredAt, actorId: event.actorId });
  }
  return history;
}
