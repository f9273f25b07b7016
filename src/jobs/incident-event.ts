/**
 * What one timeline entry posts, once each: a line in the incident channel, a reply under the
 * announcement (updates are broadcast to the channel too), and for a new role holder an invite
 * and a DM with the role's duties.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidentEvents } from "../db/schema";
import { type Incident, type IncidentEvent, parseEventData } from "../incidents/incident";
import { incidentById } from "../incidents/queries";
import { changeReply, updatePost } from "../slack/blocks/announcement";
import { roleDutiesMessage } from "../slack/blocks/incident-notices";
import { dmChannel } from "./direct-message";
import { effectResult } from "./effects";
import { inviteAll } from "./incident-channel";
import type { IncidentEventJob } from "./job";
import { done, type JobOutcome, retryIn, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { openWorkspace, type Workspace } from "./workspace";

/** Kinds that change the incident's state and get a line in both places. */
const CHANGES = new Set(["status", "severity", "role", "resolved", "reopened"]);

export async function postIncidentEvent(env: Env, db: Db, job: IncidentEventJob, attempts = 1): Promise<JobOutcome> {
  const incident = await incidentById(db, job.incidentId);
  const [event] = await db.select().from(incidentEvents).where(eq(incidentEvents.id, job.eventId));
  if (!incident || !event || event.incidentId !== incident.id) return stopped("incident or entry is gone");
  if (!CHANGES.has(event.kind) && event.kind !== "update") return done;
  // Waiting grows with the attempts (3 s, 6 s, … a minute), so a slow open (Slack rate-limiting
  // or failing for an hour) does not use up the job's retries before its channel exists.
  if (incident.openState === "opening") return retryIn(Math.min(60, 3 * attempts), "incident channel not ready yet");
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });

  const line = event.kind === "update" ? updatePost(incident, event) : changeReply(incident, event);
  if (incident.channelId) await postOnce(db, ws, `event:${event.id}:channel`, incident.channelId, line);
  await replyUnderAnnouncement(db, ws, incident, event);
  if (event.kind === "role") await welcomeRoleHolder(db, ws, incident, event);
  return done;
}

async function replyUnderAnnouncement(db: Db, ws: Workspace, incident: Incident, event: IncidentEvent) {
  const channel = incident.announcementChannelId;
  const root = await effectResult(db, `incident:${incident.id}:announce`);
  if (!channel || !root) return;
  const content = event.kind === "update" ? updatePost(incident, event) : changeReply(incident, event);
  await postOnce(db, ws, `event:${event.id}:announce`, channel, {
    ...content,
    thread_ts: root,
    ...(event.kind === "update" ? { reply_broadcast: true } : {}),
  });
}

async function welcomeRoleHolder(db: Db, ws: Workspace, incident: Incident, event: IncidentEvent) {
  const data = parseEventData(event);
  const userId = data.to;
  if (!userId || !data.role) return;
  if (incident.channelId) await inviteAll(ws, incident.channelId, [userId]);
  const dm = await dmChannel(db, ws, userId);
  await postOnce(db, ws, `event:${event.id}:duties`, dm, roleDutiesMessage(incident, data.role));
}
