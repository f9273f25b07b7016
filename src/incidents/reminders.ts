/**
 * When an open incident is due a reminder: no update for its severity's cadence, no reminder
 * within that cadence either, and not snoozed. Pure: the cron supplies the clock.
 */
import type { Incident } from "./incident";
import type { Severity } from "./model";

export const SNOOZE_MS = 30 * 60 * 1000;

/** Minutes per severity; 0 means no reminders. */
export type Cadences = Record<Severity, number>;

export const DEFAULT_CADENCES: Cadences = { SEV1: 15, SEV2: 30, SEV3: 60, SEV4: 0 };

/** The moment the next reminder is due, or undefined if this incident gets none. */
export function reminderDueAt(incident: Incident, cadences: Cadences): number | undefined {
  const minutes = cadences[incident.severity as Severity] ?? 0;
  if (incident.status === "resolved" || incident.openState !== "ready" || minutes <= 0) return undefined;
  const cadence = minutes * 60_000;
  return Math.max(
    incident.lastUpdateAt + cadence,
    (incident.lastReminderAt ?? 0) + cadence,
    incident.snoozedUntil ?? 0,
  );
}
