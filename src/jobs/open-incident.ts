/**
 * Opening an incident, step by step, each step recorded the moment Slack confirms it so a
 * retried or duplicated job resumes where the last one stopped: the declarer's notice, the
 * channel, invites, the pinned summary, the topic, the announcement, the "ready" notice.
 */
import { eq } from "drizzle-orm";
import { SlackAPIError } from "slack-edge";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import { AppError } from "../errors";
import type { Incident } from "../incidents/incident";
import { incidentById } from "../incidents/queries";
import { logUnexpected } from "../lib/log";
import { announcement } from "../slack/blocks/announcement";
import { declaringNotice, readyNotice } from "../slack/blocks/incident-notices";
import { incidentSummary } from "../slack/blocks/incident-summary";
import { postToResponseUrl } from "../slack/response-url";
import { classifySlackFailure } from "../slack/slack-failure";
import { announcementChannelFor, withJoin } from "./announcement-channel";
import { once } from "./effects";
import { ensureIncidentChannel, inviteAll } from "./incident-channel";
import type { OpenIncidentJob } from "./job";
import { done, failed, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { syncIncident, syncTopic } from "./sync-incident";
import { tellDeclarer } from "./tell-declarer";
import { openWorkspace, type Workspace } from "./workspace";

export async function openIncident(env: Env, db: Db, job: OpenIncidentJob): Promise<JobOutcome> {
  const found = await incidentById(db, job.incidentId);
  if (!found) return stopped("incident is gone");
  if (found.openState === "ready" && found.syncedVersion < found.version) {
    // Opened, but the closing sync failed: finishing it is this job's work still.
    await syncIncident(env, db, await openWorkspace(env, db, job), found.id);
    return done;
  }
  if (found.openState !== "opening") return done;
  const ws = await openWorkspace(env, db, job);
  try {
    await openSteps(env, db, ws, found);
    return done;
  } catch (err) {
    const failure = classifySlackFailure(err);
    const refused = failure.kind === "rejected" && !failure.revoked;
    if (!refused && !(err instanceof AppError && err.code === "conflict")) throw err;
    // Slack refused a step for good: record it, tell the declarer, dead-letter the job.
    const reason = failure.kind === "rejected" ? failure.error : (err as Error).message;
    const latest = (await incidentById(db, found.id)) ?? found;
    await db.update(incidents).set({ openState: "failed", openError: reason }).where(eq(incidents.id, found.id));
    const advice = `Slack said: ${reason}. The incident is recorded${latest.channelId ? ` and its channel is <#${latest.channelId}>` : ""}; fix that and declare again if needed.`;
    await tellDeclarer(
      env,
      db,
      ws,
      latest,
      "open",
      latest.channelId ? "finish setting it up" : "create its channel",
      advice,
    );
    return failed(`open: ${reason}`);
  }
}

async function openSteps(env: Env, db: Db, ws: Workspace, found: Incident) {
  // The notice and the channel do not depend on each other: one Slack round trip, not two.
  const [, channel] = await Promise.all([
    notify(env, db, ws, found, "declaring", () => declaringNotice(found)),
    ensureIncidentChannel(db, ws, found),
  ]);
  let incident: Incident = { ...found, channelId: channel.id, channelName: channel.name };

  // Invited once: a retried job does not ask Slack again (and spend its invite budget).
  const uninvitable = await once(db, {
    key: `incident:${incident.id}:invites`,
    teamId: ws.teamId,
    perform: async () => {
      const people = [incident.declaredBy, incident.commanderId, incident.commsId, incident.scribeId];
      return JSON.stringify(await inviteAll(ws, channel.id, people));
    },
  });
  const failedInvites = JSON.parse(uninvitable) as { userId: string; error: string }[];
  if (failedInvites.length) {
    const who = failedInvites.map((u) => `<@${u.userId}> (${u.error})`).join(", ");
    await tellDeclarer(env, db, ws, incident, "invite", `invite ${who}`, "Invite them to the channel by hand.");
  }

  incident = (await incidentById(db, incident.id)) ?? incident;
  // Did this run post the summary and announcement from `incident`? An earlier attempt may have
  // posted them from an older version, which sync must then bring up to date.
  const rendered = { summary: false, announcement: false };
  const summaryTs = await postOnce(
    db,
    ws,
    `incident:${incident.id}:summary`,
    channel.id,
    incidentSummary(incident, ws.command),
    {
      onPosted: () => {
        rendered.summary = true;
      },
    },
  );
  await once(db, {
    key: `incident:${incident.id}:pin`,
    teamId: ws.teamId,
    perform: () => pinIgnoringRepeat(ws, channel.id, summaryTs),
  });
  await syncTopic(db, ws, incident);
  rendered.announcement = await announce(env, db, ws, incident);
  const ready = incident;
  await notify(env, db, ws, incident, "ready", () => readyNotice(ready));

  // What this run posted shows this version; anything else (or a change made meanwhile) is synced now.
  const upToDate = rendered.summary && rendered.announcement;
  await db
    .update(incidents)
    .set({ openState: "ready", ...(upToDate ? { syncedVersion: ready.version } : {}) })
    .where(eq(incidents.id, incident.id));
  await syncIncident(env, db, ws, incident.id);
}

/** Posts the announcement; true if it now shows this version of the incident (or there is none to show). */
async function announce(env: Env, db: Db, ws: Workspace, incident: Incident): Promise<boolean> {
  const channel = announcementChannelFor(ws, incident);
  if (!channel) return true;
  let posted = false;
  if (incident.announcementChannelId !== channel) {
    await db.update(incidents).set({ announcementChannelId: channel }).where(eq(incidents.id, incident.id));
  }
  try {
    await withJoin(ws, channel, () =>
      postOnce(db, ws, `incident:${incident.id}:announce`, channel, announcement(incident), {
        onPosted: () => {
          posted = true;
        },
      }),
    );
    return posted;
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
    return true;
  }
}

/**
 * The declarer's notice, through the response_url the modal carried (if any); at most once each.
 * A courtesy, never a step: if Slack's response_url keeps failing, the incident opens anyway.
 */
async function notify(env: Env, db: Db, ws: Workspace, incident: Incident, step: string, message: () => object) {
  const url = incident.noticeUrl;
  if (!url) return;
  await once(db, {
    key: `incident:${incident.id}:notice-${step}`,
    teamId: ws.teamId,
    perform: async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return String(await postToResponseUrl(env, url, message()));
        } catch (err) {
          if (attempt >= 2) {
            logUnexpected("declarer-notice", err, { incidentId: incident.id, step });
            return "false";
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    },
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
