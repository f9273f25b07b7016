/**
 * The cron's reminder pass: each due incident is claimed with a conditional update on its
 * last reminder time, so overlapping cron runs queue one reminder per due period, not two.
 */
import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, installations } from "../db/schema";
import type { Incident } from "../incidents/incident";
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

/** D1 binds at most 100 parameters per statement: claims go in chunks of this many incidents. */
const CLAIM_CHUNK = 45;

export async function claimDueReminders(db: Db, now: number): Promise<Job[]> {
  // One query for open incidents and the installation serving each (its own, or its org's),
  // whatever the number of workspaces.
  const rows = await db
    .select({ incident: incidents, installation: installations })
    .from(incidents)
    .innerJoin(
      installations,
      and(
        eq(installations.enterpriseId, sql`coalesce(${incidents.enterpriseId}, '')`),
        or(
          eq(installations.teamId, incidents.teamId),
          and(eq(installations.teamId, ""), eq(installations.isEnterpriseInstall, true)),
        ),
      ),
    )
    .where(and(ne(incidents.status, "resolved"), eq(incidents.openState, "ready")))
    .orderBy(desc(installations.teamId))
    .limit(2000);
  const seen = new Set<number>();
  const claimable: { incident: Incident; cadenceMinutes: number }[] = [];
  for (const { incident, installation } of rows) {
    // The workspace's own install sorts before its org's: the first row is the one serving it.
    if (seen.has(incident.id)) continue;
    seen.add(incident.id);
    if (!installation.enabled || !installation.botTokenEnc) continue;
    const cadences = cadencesOf(installation);
    const at = reminderDueAt(incident, cadences);
    if (at === undefined || at > now) continue;
    claimable.push({ incident, cadenceMinutes: cadences[incident.severity as keyof Cadences] });
  }
  const jobs: Job[] = [];
  for (let i = 0; i < claimable.length; i += CLAIM_CHUNK) {
    const chunk = claimable.slice(i, i + CLAIM_CHUNK);
    // Claimed only if nobody reminded since we read the row: overlapping crons send one.
    const unchanged = sql.join(
      chunk.map(({ incident }) => sql`(${incident.id}, ${incident.lastReminderAt ?? 0})`),
      sql`, `,
    );
    const claimed = await db
      .update(incidents)
      .set({ lastReminderAt: now })
      .where(sql`(${incidents.id}, coalesce(${incidents.lastReminderAt}, 0)) IN (VALUES ${unchanged})`)
      .returning({ id: incidents.id });
    const won = new Set(claimed.map((c) => c.id));
    for (const { incident, cadenceMinutes } of chunk) {
      if (won.has(incident.id)) {
        jobs.push({ type: "incident_reminder", ...incidentJobRef(incident), remindAt: now, cadenceMinutes });
      }
    }
  }
  return jobs;
}
