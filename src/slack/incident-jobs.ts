/** Queuing the slow half of an incident change, from the request that made it. */
import type { Applied } from "../incidents/apply-change";
import type { Incident } from "../incidents/incident";
import type { Job } from "../jobs/job";
import { logUnexpected } from "../lib/log";
import type { RequestContext } from "./request-context";

const ref = (ctx: RequestContext, incident: Incident) => ({
  incidentId: incident.id,
  teamId: incident.teamId,
  ...(ctx.enterpriseId ? { enterpriseId: ctx.enterpriseId } : {}),
});

export async function queueOpen(ctx: RequestContext, incident: Incident) {
  await send(ctx, [{ type: "incident_open", ...ref(ctx, incident) }]);
}

/**
 * After a change: sync the summary/topic/announcement, and post the change's own lines. The
 * change is already recorded, so a queue failure is logged, not shown: the cron's repair sweep
 * queues whatever did not get posted.
 */
export async function queueAfterChange(ctx: RequestContext, applied: Applied) {
  await send(ctx, [
    { type: "incident_sync", ...ref(ctx, applied.incident) },
    { type: "incident_event", ...ref(ctx, applied.incident), eventId: applied.event.id },
  ]);
}

async function send(ctx: RequestContext, jobs: Job[]) {
  try {
    await ctx.env.JOBS.sendBatch(jobs.map((body) => ({ body, contentType: "json" as const })));
  } catch (err) {
    logUnexpected("queue-send", err, { jobs: jobs.map((j) => j.type) });
  }
}
