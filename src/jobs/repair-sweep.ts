/**
 * The cron's safety net for the one gap queues leave: a D1 change whose job was never sent
 * (the queue refused it). Incidents still opening, summaries behind their incident, and
 * entries with nothing posted get their job again; the jobs are idempotent, so a job that was
 * merely slow is harmless to repeat. A job that died for good (dead-lettered) is not revived,
 * and a workspace that is turned off or has no token is left alone: its jobs could only fail.
 */
import { and, eq, gt, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidentEvents, incidents } from "../db/schema";
import { incidentJobRef, type Job } from "./job";

/** Give the queue this long before deciding a job was lost. */
const GRACE_MS = 2 * 60 * 1000;
/** Only look this far back: older gaps were handled or abandoned. */
const HORIZON_MS = 24 * 60 * 60 * 1000;
const POSTED_KINDS = ["status", "severity", "role", "resolved", "reopened", "update"];

/**
 * The installation serving the incident's workspace (its own, else its org's, as
 * findInstallation picks it) has a bot token and is turned on.
 */
const workspaceCanAct = sql`coalesce((SELECT i.bot_token_enc IS NOT NULL AND i.enabled = 1 FROM installations i
  WHERE i.enterprise_id = coalesce(${incidents.enterpriseId}, '')
    AND (i.team_id = ${incidents.teamId} OR (i.team_id = '' AND i.is_enterprise_install = 1))
  ORDER BY i.team_id DESC LIMIT 1), 0) = 1`;

/** No job of this type for this incident (and entry) died since `after`. */
const noDeadJob = (type: Job["type"], after: SQL, eventId?: SQL) => sql`NOT EXISTS (SELECT 1 FROM dead_letters d
  WHERE d.job_type = ${type} AND json_extract(d.body, '$.incidentId') = ${incidents.id} AND d.died_at >= ${after}
    ${eventId ? sql`AND json_extract(d.body, '$.eventId') = ${eventId}` : sql``})`;

export async function repairSweep(db: Db, now: number): Promise<Job[]> {
  const since = now - HORIZON_MS;
  const before = now - GRACE_MS;
  const opening = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.openState, "opening"),
        lt(incidents.declaredAt, before),
        gt(incidents.declaredAt, since),
        workspaceCanAct,
        noDeadJob("incident_open", sql`${incidents.declaredAt}`),
      ),
    )
    .limit(100);
  const behind = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.openState, "ready"),
        lt(incidents.syncedVersion, incidents.version),
        lt(incidents.updatedAt, before),
        gt(incidents.updatedAt, since),
        workspaceCanAct,
        noDeadJob("incident_sync", sql`${incidents.updatedAt}`),
      ),
    )
    .limit(100);
  const unposted = await db
    .select({ event: incidentEvents, incident: incidents })
    .from(incidentEvents)
    .innerJoin(incidents, eq(incidents.id, incidentEvents.incidentId))
    .where(
      and(
        inArray(incidentEvents.kind, POSTED_KINDS),
        lt(incidentEvents.recordedAt, before),
        gt(incidentEvents.recordedAt, since),
        ne(incidents.openState, "opening"),
        sql`NOT EXISTS (SELECT 1 FROM slack_effects s WHERE s.key = 'event:' || ${incidentEvents.id} || ':channel')`,
        workspaceCanAct,
        noDeadJob("incident_event", sql`0`, sql`${incidentEvents.id}`),
      ),
    )
    .limit(100);
  return [
    ...opening.map((i): Job => ({ type: "incident_open", ...incidentJobRef(i) })),
    ...behind.map((i): Job => ({ type: "incident_sync", ...incidentJobRef(i) })),
    ...unposted
      .filter((r) => r.incident.channelId)
      .map((r): Job => ({ type: "incident_event", ...incidentJobRef(r.incident), eventId: r.event.id })),
  ];
}
