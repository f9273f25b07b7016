/** Queuing the slow half of an incident change, from the request that made it. */
import type { Applied } from "../incidents/apply-change";
import type { Incident } from "../incidents/incident";
import { incidentJobRef, type Job } from "../jobs/job";
import { logUnexpected } from "../lib/log";
import type { RequestContext } from "./request-context";

const ref = (ctx: RequestContext, incident: Incident) => incidentJobRef(incident, ctx.enterpriseId);

export async function queueOpen(ctx: RequestContext, incident: Incident) {
  await send(ctx, [
    { type: "incident_open", ...ref(ctx, incident) },
    { type: "home_publish", teamId: incident.teamId, ...(ctx.enterpriseId ? { enterpriseId: ctx.enterpriseId } : {}) },
  ]);
}

/**
 * After a change: sync the summary/topic/announcement, and post the change's own lines. The
 * change is already recorded, so a queue failure is logged, not shown: the cron's repair sweep
 * queues whatever did not get posted.
 */
export async function queueAfterChange(ctx: RequestContext, applied: Applied) {
  const { incident, event } = applied;
  await send(ctx, [
    { type: "incident_sync", ...ref(ctx, incident) },
    { type: "incident_event", ...ref(ctx, incident), eventId: event.id },
    { type: "home_publish", teamId: incident.teamId, ...(ctx.enterpriseId ? { enterpriseId: ctx.enterpriseId } : {}) },
    ...(event.kind === "resolved"
      ? [{ type: "postmortem" as const, ...ref(ctx, incident), requestedBy: event.actorId ?? "" }]
      : []),
  ]);
}

export async function queuePostmortem(ctx: RequestContext, incident: Incident, responseUrl?: string) {
  await send(ctx, [
    { type: "postmortem", ...ref(ctx, incident), requestedBy: ctx.userId, ...(responseUrl ? { responseUrl } : {}) },
  ]);
}

export async function queueTimelineMessage(
  ctx: RequestContext,
  incident: Incident,
  message: { channel: string; ts: string; text: string; authorId?: string; responseUrl?: string },
) {
  const { channel, ts, text, authorId, responseUrl } = message;
  return send(ctx, [
    {
      type: "timeline_message",
      ...ref(ctx, incident),
      channel,
      ts,
      actorId: ctx.userId,
      message: { text, ...(authorId ? { authorId } : {}) },
      ...(responseUrl ? { responseUrl } : {}),
    },
  ]);
}

/** App Home waits a moment, so a burst of changes republishes once (the later jobs find views current). */
const HOME_DELAY_SECONDS = 2;

/** Sends the jobs; false if the queue refused them (logged; the cron's sweep repairs incident work). */
async function send(ctx: RequestContext, jobs: Job[]): Promise<boolean> {
  try {
    await ctx.env.JOBS.sendBatch(
      jobs.map((body) => ({
        body,
        contentType: "json" as const,
        ...(body.type === "home_publish" ? { delaySeconds: HOME_DELAY_SECONDS } : {}),
      })),
    );
  } catch (err) {
    logUnexpected("queue-send", err, { jobs: jobs.map((j) => j.type) });
    return false;
  }
  return true;
}
