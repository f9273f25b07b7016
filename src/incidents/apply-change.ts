/**
 * Every change to an incident and its timeline entry are written in one D1 batch, guarded by
 * the incident's version: the entry is inserted only if the update applied (`changes()`), so
 * a change is never recorded without its entry, or twice.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidentEvents, incidents } from "../db/schema";
import { AppError } from "../errors";
import type { EventData, EventKind, Incident, IncidentEvent } from "./incident";

export interface Change {
  patch: Partial<Omit<Incident, "id" | "teamId" | "number" | "version">>;
  event: { kind: EventKind; actorId: string; text: string; data?: EventData; occurredAt?: number };
}

export interface Applied {
  incident: Incident;
  event: IncidentEvent;
}

/**
 * Loads the incident, lets `decide` turn it into a change (or throw a domain error), and
 * applies it; if someone else changed the incident meanwhile, decides again on the new state.
 */
export async function mutate(db: Db, incidentId: number, decide: (incident: Incident) => Change, now = Date.now()) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    if (!incident) throw new AppError("not_found", "That incident no longer exists.");
    const applied = await applyChange(db, incident, decide(incident), now);
    if (applied) return applied;
  }
  throw new AppError("conflict", "The incident is changing fast right now. Please try again.");
}

/** Applies a change to exactly this version of the incident; undefined if it has moved on. */
export async function applyChange(
  db: Db,
  incident: Incident,
  change: Change,
  now = Date.now(),
): Promise<Applied | undefined> {
  const patch = { ...change.patch, version: incident.version + 1, updatedAt: now };
  const update = db
    .update(incidents)
    .set(patch)
    .where(and(eq(incidents.id, incident.id), eq(incidents.version, incident.version)))
    .toSQL();
  const entry = eventStatement(db, incident.id, change.event, now);
  // Raw D1 batch: drizzle cannot batch a raw statement with parameters, and `changes()` must
  // see the update's effect inside the same transaction.
  const [updated, inserted] = await db.$client.batch([db.$client.prepare(update.sql).bind(...update.params), entry]);
  const event = (inserted?.results as EventRow[] | undefined)?.[0];
  if (!updated?.meta.changes || !event) return undefined;
  return { incident: { ...incident, ...patch }, event: toEvent(event) };
}

export interface EventRow {
  id: number;
  incident_id: number;
  kind: string;
  actor_id: string | null;
  text: string;
  data: string;
  occurred_at: number;
  recorded_at: number;
  source_key: string | null;
}

/** The entry's INSERT, which only takes effect if the statement before it changed a row. */
export function eventStatement(db: Db, incidentId: number | "last_insert_rowid", event: Change["event"], now: number) {
  const id = incidentId === "last_insert_rowid" ? "last_insert_rowid()" : "?1";
  return db.$client
    .prepare(
      `INSERT INTO incident_events (incident_id, kind, actor_id, text, data, occurred_at, recorded_at)
       SELECT ${id}, ?2, ?3, ?4, ?5, ?6, ?7 WHERE changes() = 1 RETURNING *`,
    )
    .bind(
      incidentId === "last_insert_rowid" ? null : incidentId,
      event.kind,
      event.actorId,
      event.text,
      JSON.stringify(event.data ?? {}),
      event.occurredAt ?? now,
      now,
    );
}

export function toEvent(row: EventRow): IncidentEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind,
    actorId: row.actor_id,
    text: row.text,
    data: row.data,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    sourceKey: row.source_key,
  };
}

/** Adds a timeline entry that changes nothing else (a note, an update's text). */
export async function addEvent(db: Db, incident: Incident, event: Change["event"], now = Date.now()) {
  const [row] = await db
    .insert(incidentEvents)
    .values({
      incidentId: incident.id,
      kind: event.kind,
      actorId: event.actorId,
      text: event.text,
      data: JSON.stringify(event.data ?? {}),
      occurredAt: event.occurredAt ?? now,
      recordedAt: now,
    })
    .returning();
  return row as IncidentEvent;
}
