/**
 * The cron (every minute): reminders that are due, tokens about to expire, the repair sweep,
 * and housekeeping. Everything that talks to Slack is queued, not done here.
 */
import { lt } from "drizzle-orm";
import { database } from "../db/client";
import { oauthStates, processedEvents, rateLimits } from "../db/schema";
import { installationsDueForRefresh } from "../installations/token-rotation";
import { logUnexpected } from "../lib/log";
import { claimDueReminders } from "./due-reminders";
import type { Job } from "./job";
import { repairSweep } from "./repair-sweep";

/** Slack stops retrying an event within minutes; a day of event ids is plenty to dedupe. */
const EVENT_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const db = database(env.DB);
  // Each pass on its own: one that fails (D1 hiccup, a queue refusing) must not cost the others
  // their minute. What a pass claimed is sent before the next pass runs.
  const passes: [string, () => Promise<Job[]>][] = [
    ["reminders", () => claimDueReminders(db, now)],
    ["repair-sweep", () => repairSweep(db, now)],
    [
      "token-refresh",
      async () =>
        (await installationsDueForRefresh(db, now)).map((i): Job => ({ type: "token_refresh", installationId: i.id })),
    ],
  ];
  for (const [name, pass] of passes) {
    try {
      const jobs = await pass();
      for (let i = 0; i < jobs.length; i += 100) {
        await env.JOBS.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
      }
    } catch (err) {
      logUnexpected(`cron ${name}`, err);
    }
  }
  await db
    .batch([
      db.delete(processedEvents).where(lt(processedEvents.receivedAt, now - EVENT_ID_RETENTION_MS)),
      db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)),
      db.delete(rateLimits).where(lt(rateLimits.until, now)),
    ])
    .catch((err) => logUnexpected("cron housekeeping", err));
}
