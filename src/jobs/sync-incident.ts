/**
 * Brings Slack up to an incident's current state: the pinned summary, the channel topic and
 * the announcement. Each push renders the latest row; if the incident moved on while we were
 * pushing, we push again, so a slow worker can never leave an older state showing.
 */
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import type { Incident } from "../incidents/incident";
import { incidentById } from "../incidents/queries";
import { announcement } from "../slack/blocks/announcement";
import { incidentSummary } from "../slack/blocks/incident-summary";
import { incidentTopic } from "../slack/blocks/incident-text";
import { effectResult } from "./effects";
import type { Workspace } from "./workspace";

const MAX_PASSES = 5;

export async function syncIncident(_env: Env, db: Db, ws: Workspace, incidentId: number): Promise<void> {
  let incident = await incidentById(db, incidentId);
  if (incident?.openState !== "ready" || incident.syncedVersion >= incident.version) return;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    await pushState(db, ws, incident);
    await db
      .update(incidents)
      .set({ syncedVersion: incident.version })
      .where(and(eq(incidents.id, incident.id), lt(incidents.syncedVersion, incident.version)));
    // Another worker may have pushed a newer state while ours was in flight, and ours landed
    // last: whatever syncedVersion says, a newer row than we rendered means push again.
    const latest = await incidentById(db, incidentId);
    if (latest?.openState !== "ready" || latest.version === incident.version) return;
    incident = latest;
  }
}

async function pushState(db: Db, ws: Workspace, incident: Incident) {
  const channel = incident.channelId;
  const summaryTs = await effectResult(db, `incident:${incident.id}:summary`);
  if (channel && summaryTs)
    await ws.slack.chat.update({ channel, ts: summaryTs, ...incidentSummary(incident, ws.command) });
  await syncTopic(db, ws, incident);
  const announceTs = await effectResult(db, `incident:${incident.id}:announce`);
  if (incident.announcementChannelId && announceTs) {
    await ws.slack.chat.update({ channel: incident.announcementChannelId, ts: announceTs, ...announcement(incident) });
  }
}

/** Sets the topic only when it changed: Slack posts a "set the topic" line every time. */
export async function syncTopic(db: Db, ws: Workspace, incident: Incident) {
  const topic = incidentTopic(incident);
  if (!incident.channelId || incident.topic === topic) return;
  await ws.slack.conversations.setTopic({ channel: incident.channelId, topic });
  await db.update(incidents).set({ topic }).where(eq(incidents.id, incident.id));
}
