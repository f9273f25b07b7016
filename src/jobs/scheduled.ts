/** The cron (every minute): housekeeping now; reminders and token refresh join it later. */
import { lt } from "drizzle-orm";
import { database } from "../db/client";
import { oauthStates, processedEvents } from "../db/schema";

/** Slack stops retrying an event within minutes; a day of event ids is plenty to dedupe. */
const EVENT_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const db = database(env.DB);
  await db.batch([
    db.delete(processedEvents).where(lt(processedEvents.receivedAt, now - EVENT_ID_RETENTION_MS)),
    db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)),
  ]);
}
