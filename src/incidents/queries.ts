/** Finding incidents: by channel, by id within a workspace, the open ones. */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidentEvents, incidents } from "../db/schema";
import type { Incident, IncidentEvent } from "./incident";

export async function incidentById(db: Db, id: number): Promise<Incident | undefined> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row;
}

/** The incident whose channel this is, if any (channel-scoped commands use it). */
export async function incidentByChannel(db: Db, teamId: string, channelId: string): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.teamId, teamId), eq(incidents.channelId, channelId)));
  return row;
}

/**
 * Open incidents, worst first, then newest. Lists show the first few dozen and count the rest,
 * so the limit is far above what a workspace keeps open.
 */
export async function openIncidents(db: Db, teamId: string, limit = 500): Promise<Incident[]> {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.teamId, teamId), ne(incidents.status, "resolved")))
    .orderBy(asc(incidents.severity), desc(incidents.declaredAt))
    .limit(limit);
}

/** Open first (worst first), then the most recently resolved; for the web list. */
export async function recentIncidents(db: Db, teamIds: string[], limit = 100): Promise<Incident[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .select()
    .from(incidents)
    .where(inArray(incidents.teamId, teamIds))
    .orderBy(desc(incidents.declaredAt))
    .limit(limit);
  const open = rows.filter((r) => r.status !== "resolved").sort((a, b) => a.severity.localeCompare(b.severity));
  return [...open, ...rows.filter((r) => r.status === "resolved")];
}

/** The timeline, oldest first. */
export async function timelineOf(db: Db, incidentId: number): Promise<IncidentEvent[]> {
  return db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.occurredAt), asc(incidentEvents.id));
}
