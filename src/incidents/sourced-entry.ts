/** Timeline entries taken from a Slack message: kept once per message, at the message's own time. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidentEvents } from "../db/schema";
import { AppError } from "../errors";
import type { Incident, IncidentEvent } from "./incident";
import { UPDATE_MAX_LENGTH } from "./updates";

export interface MessageSource {
  channel: string;
  ts: string;
  authorId?: string;
  text: string;
  permalink?: string;
}

/** The entry for this message; `added` is false when it was already on the timeline. */
export async function addMessageToTimeline(
  db: Db,
  incident: Incident,
  source: MessageSource,
  actorId: string,
  now = Date.now(),
) {
  const text = [...source.text.trim()].slice(0, UPDATE_MAX_LENGTH).join("") || "(message without text)";
  const occurredAt = Math.round(Number(source.ts) * 1000);
  if (!Number.isFinite(occurredAt) || occurredAt <= 0)
    throw new AppError("bad_request", "That message has no usable time.");
  const sourceKey = `${source.channel}:${source.ts}`;
  const inserted = await db
    .insert(incidentEvents)
    .values({
      incidentId: incident.id,
      kind: "note",
      actorId,
      text,
      data: JSON.stringify({
        source: { channel: source.channel, ts: source.ts, permalink: source.permalink, authorId: source.authorId },
      }),
      occurredAt,
      recordedAt: now,
      sourceKey,
    })
    .onConflictDoNothing({ target: [incidentEvents.incidentId, incidentEvents.sourceKey] })
    .returning();
  if (inserted[0]) return { added: true, event: inserted[0] as IncidentEvent };
  const [existing] = await db
    .select()
    .from(incidentEvents)
    .where(sql`${incidentEvents.incidentId} = ${incident.id} AND ${incidentEvents.sourceKey} = ${sourceKey}`);
  return { added: false, event: existing as IncidentEvent };
}
