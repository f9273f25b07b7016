/**
 * The Events API inbox. A delivery is recorded by event_id and queued; Slack's retries, even
 * ones that arrive while the first delivery is still being handled, find the id taken and
 * stop there.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { processedEvents } from "../db/schema";
import { findInstallation } from "../installations/find-installation";
import { enqueue } from "../jobs/job";

export interface EventCallback {
  type: "event_callback";
  event_id: string;
  team_id?: string;
  enterprise_id?: string | null;
  authorizations?: { enterprise_id?: string | null; team_id?: string | null }[];
  event: { type: string; [key: string]: unknown };
}

/** Events that only revoke: taken even from a workspace where Firebreak is turned off. */
export const REVOCATION_EVENTS: readonly string[] = ["app_uninstalled", "tokens_revoked"];

/** The workspace an event comes from (an org-wide app's events name it in `authorizations`). */
export function eventWorkspace(body: EventCallback) {
  return {
    enterpriseId: body.enterprise_id ?? body.authorizations?.[0]?.enterprise_id ?? undefined,
    teamId: body.team_id ?? body.authorizations?.[0]?.team_id ?? undefined,
  };
}

/**
 * Whether Firebreak takes this event at all: from a workspace it is installed in and turned on
 * (revocations always). Read from D1, not the isolate cache: a workspace installed a moment ago
 * in another isolate must not lose its first events to a stale "not installed".
 */
export async function wantsEvent(db: Db, body: EventCallback): Promise<boolean> {
  const installation = await findInstallation(db, eventWorkspace(body));
  if (!installation) return false;
  return installation.enabled || REVOCATION_EVENTS.includes(body.event.type);
}

/** True if this delivery was new and is now queued; false for a duplicate. */
export async function acceptEvent(db: Db, env: Pick<Env, "JOBS">, body: EventCallback, now = Date.now()) {
  const inserted = await db
    .insert(processedEvents)
    .values({ eventId: body.event_id, teamId: body.team_id ?? null, receivedAt: now })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  if (inserted.length === 0) return false;
  try {
    await enqueue(env, { type: "slack_event", eventId: body.event_id, ...eventWorkspace(body), event: body.event });
  } catch (err) {
    // Not queued, so not handled: forget the id so Slack's retry gets a second chance.
    await db.delete(processedEvents).where(eq(processedEvents.eventId, body.event_id));
    throw err;
  }
  return true;
}
