/** Incident rows and timeline entries as the rest of the code sees them. */
import type { incidentEvents, incidents } from "../db/schema";
import type { Role, Severity, Status } from "./model";

export type Incident = typeof incidents.$inferSelect;
export type IncidentEvent = typeof incidentEvents.$inferSelect;

/** What each timeline entry records. */
export type EventKind = "declared" | "status" | "severity" | "role" | "update" | "note" | "resolved" | "reopened";

/** Kind-specific details kept in incident_events.data. */
export interface EventData {
  from?: string | null;
  to?: string | null;
  role?: Role;
  severity?: Severity;
  status?: Status;
  /** For entries added from a Slack message: where it came from. */
  source?: { channel: string; ts: string; permalink?: string; authorId?: string };
}

export function severityOf(incident: Incident): Severity {
  return incident.severity as Severity;
}

export function statusOf(incident: Incident): Status {
  return incident.status as Status;
}

export function isOpen(incident: Incident): boolean {
  return incident.status !== "resolved";
}

/** The person holding a role, if anyone does. */
export function holderOf(incident: Incident, role: Role): string | null {
  switch (role) {
    case "commander":
      return incident.commanderId;
    case "comms":
      return incident.commsId;
    case "scribe":
      return incident.scribeId;
  }
}

export function parseEventData(event: IncidentEvent): EventData {
  try {
    return JSON.parse(event.data) as EventData;
  } catch {
    return {};
  }
}
