/** Status updates (they reset the reminder clock) and notes (timeline only). */
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { addEvent, mutate } from "./apply-change";
import type { Incident } from "./incident";

export const UPDATE_MAX_LENGTH = 3000;

function checkText(text: string, what: string): string {
  const body = text.trim();
  if (!body) throw new AppError("bad_request", `The ${what} is empty.`);
  if ([...body].length > UPDATE_MAX_LENGTH) {
    throw new AppError("bad_request", `Keep the ${what} under ${UPDATE_MAX_LENGTH} characters.`);
  }
  return body;
}

export async function postUpdate(db: Db, incidentId: number, text: string, actorId: string, now = Date.now()) {
  const body = checkText(text, "update");
  return mutate(
    db,
    incidentId,
    () => ({ patch: { lastUpdateAt: now }, event: { kind: "update", actorId, text: body } }),
    now,
  );
}

export async function addNote(db: Db, incident: Incident, text: string, actorId: string, now = Date.now()) {
  return addEvent(db, incident, { kind: "note", actorId, text: checkText(text, "note") }, now);
}
