/**
 * Opening an incident, step by step, each step recorded the moment Slack confirms it so a
 * retried or duplicated job resumes where the last one stopped: the declarer's notice, the
 * channel, invites, the pinned summary, the topic, the announcement, the "ready" notice.
 */
import { eq } from "drizzle-orm";
import { SlackAPIError } from "slack-edge";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import type { Incident } from "../incidents/incident";
import { incidentById } from "../incidents/queries";
import { announcement } from "../slack/blocks/announcement";
import { declaringNotice, readyNotice } from "../slack/blocks/incident-notices";
import { incidentSummary } from "../slack/blocks/incident-summary";
import { postToResponseUrl } from "../slack/response-url";
import { classifySlackFailure } from "../slack/slack-failure";
import { announcementChannelFor, withJoin } from "./announcement-channel";
import { once } from "./effects";
import { ensureIncidentChannel, inviteAll } from "./incident-channel";
import type { OpenIncidentJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { syncIncident, syncTopic } from "./sync-incident";
import { tellDeclarer } from "./tell-declarer";
import { openWorkspace, type Workspace } from "./workspace";

export async function openIncident(env: Env, db: Db, job: OpenIncidentJob): Promise<JobOutcome> {
  const found = await incidentById(db, job.incidentId);
  if (!found) return stopped("incident is gone");
  if (found.openState !== "opening") return done;
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });

  await notify(env, db, ws, found, "declaring", () => declaringNotice(found));
  let incident = found;
  try {
    const channel = await ensureIncidentChannel(db, ws, incident);
    incident = { ...incident, channelId: channel.id, channelName: channel.name };
  } catch (err) {
    const failure = classifySlackFailure(err);
    if (failure.kind !== "rejected" && !(err instanceof Error && err.name === "AppError")) throw err;
    const reason = failure.kind === "rejected" ? failure.error : (err as Error).message;
    await db.update(incidents).set({ openState: "failed", openError: reason }).where(eq(incidents.id, incident.id));
    await tellDeclarer(
      env,
      db,
      ws,
      incident,
      "channel",
      "create its channel",
      `Slack said: ${reason}. The incident is recorded; declare it again once that is fixed.`,
    );
    return stopped(`channel: ${reason}`);
  }
  const channelId = incident.channelId as string;

  const uninvitable = await inviteAll(ws, channelId, [
    incident.declaredBy,
    incident.commanderId,
    incident.commsId,
    incident.scribeId,
  ]);
  if (uninvitable.length) {
    const who = uninvitable.map((u) => `<@${u.userId}> (${u.error})`).join(", ");
    await tellDeclarer(env, db, ws, incident, "invite", `invite ${who}`, "Invite them to the channel by hand.");
  }

  incident = (await incidentById(db, incident.id)) ?? incident;
  const summaryTs = await postOnce(db, ws, `incident:${incident.id}:summary`, channelId, incidentSummary(incident));
  await once(db, {
    key: `incident:${incident.id}:pin`,
    teamId: ws.teamId,
    perform: () => pinIgnoringRepeat(ws, channelId, summaryTs),
  });
  await syncTopic(db, ws, incident);
  await announce(env, db, ws, incident);
  await notify(env, db, ws, incident, "ready", () => readyNotice(incident));

  await db.update(incidents).set({ openState: "ready" }).where(eq(incidents.id, incident.id));
  // Anything that changed while the channel was being made is brought up to date now.
  await syncIncident(env, db, ws, incident.id);
  return done;
}

async function announce(env: Env, db: Db, ws: Workspace, incident: Incident) {
  const channel = announcementChannelFor(ws, incident);
  if (!channel) return;
  if (incident.announcementChannelId !== channel) {
    await db.update(incidents).set({ announcementChannelId: channel }).where(eq(incidents.id, incident.id));
  }
  try {
    await withJoin(ws, channel, () =>
      postOnce(db, ws, `incident:${incident.id}:announce`, channel, announcement(incident)),
    );
  } catch (err) {
    const failure = classifySlackFailure(err);
    if (failure.kind !== "rejected") throw err;
    await tellDeclarer(
      env,
      db,
      ws,
      incident,
      "announce",
      `announce it in <#${channel}>`,
      `Slack said: ${failure.error}. Invite Firebreak to that channel, or pick another in settings.`,
    );
  }
}

/** The declarer's notice, through the response_url the modal carried (if any); at most once each. */
async function notify(env: Env, db: Db, ws: Workspace, incident: Incident, step: string, message: () => object) {
  const url = incident.noticeUrl;
  if (!url) return;
  await once(db, {
    key: `incident:${incident.id}:notice-${step}`,
    teamId: ws.teamId,
    perform: async () => String(await postToResponseUrl(env, url, message())),
  });
}

async function pinIgnoringRepeat(ws: Workspace, channel: string, ts: string): Promise<string> {
  try {
    await ws.slack.pins.add({ channel, timestamp: ts });
  } catch (err) {
    if (!(err instanceof SlackAPIError) || err.error !== "already_pinned") throw err;
  }
  return ts;
}
