/**
 * The cron's reminder pass: each due incident is claimed with a conditional update on its
 * last reminder time, so overlapping cron runs queue one reminder per due period, not two.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, installations } from "../db/schema";
import { type Cadences, reminderDueAt } from "../incidents/reminders";
import type { InstallationRow } from "../installations/find-installation";
import { incidentJobRef, type Job } from "./job";

export function cadencesOf(installation: InstallationRow): Cadences {
  return {
    SEV1: installation.reminderSev1Minutes,
    SEV2: installation.reminderSev2Minutes,
    SEV3: installation.reminderSev3Minutes,
    SEV4: installation.reminderSev4Minutes,
  };
}

export async function claimDueReminders(db: Db, now: number): Promise<Job[]> {
  const open = await db
    .select()
    .from(incidents)
    .where(and(ne(incidents.status, "resolved"), eq(incidents.openState, "ready")))
    .limit(2000);
  if (open.length === 0) return [];
  const teams = [...new Set(open.map((i) => i.teamId))];
  const orgs = [...new Set(open.map((i) => i.enterpriseId).filter((e): e is string => !!e))];
  const rows = await db
    .select()
    .from(installations)
    .where(
      orgs.length
        ? sql`${inArray(installations.teamId, teams)} OR ${inArray(installations.enterpriseId, orgs)}`
        : inArray(installations.teamId, teams),
    );
  const jobs: Job[] = [];
  for (const incident of open) {
    const installation =
      rows.find((r) => r.teamId === incident.teamId) ??
      rows.find((r) => r.isEnterpriseInstall && r.enterpriseId === incident.enterpriseId);
    if (!installation?.enabled || !installation.botTokenEnc) continue;
    const cadences = cadencesOf(installation);
    const due = reminderDueAt(incident, cadences);
    if (due === undefined || due > now) continue;
    const claimed = await db
      .update(incidents)
      .set({ lastReminderAt: now })
      .where(and(eq(incidents.id, incident.id), sql`${incidents.lastReminderAt} IS ${incident.lastReminderAt}`))
      .returning({ id: incidents.id });
    if (!claimed.length) continue;
    jobs.push({
      type: "incident_reminder",
      ...incidentJobRef(incident),
      remindAt: now,
      cadenceMinutes: cadences[incident.severity as keyof Cadences],
    });
  }
  return jobs;
}
