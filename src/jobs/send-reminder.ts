/** Posts a claimed reminder in the incident's channel (at most once per claim). */
import type { Db } from "../db/client";
import { incidentById } from "../incidents/queries";
import { reminderMessage } from "../slack/blocks/reminder";
import type { ReminderJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { openWorkspace } from "./workspace";

export async function sendReminder(env: Env, db: Db, job: ReminderJob): Promise<JobOutcome> {
  const incident = await incidentById(db, job.incidentId);
  if (!incident?.channelId) return stopped("incident or channel is gone");
  // An update or resolve that landed after the claim makes the reminder moot.
  if (incident.status === "resolved" || incident.lastUpdateAt >= job.remindAt) return done;
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
  await postOnce(
    db,
    ws,
    `reminder:${incident.id}:${job.remindAt}`,
    incident.channelId,
    reminderMessage(incident, job.cadenceMinutes, job.remindAt),
  );
  return done;
}
