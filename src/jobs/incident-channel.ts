/**
 * The incident's channel, created once. Only the worker holding the effect's claim creates it
 * (two concurrent creates of one name can both succeed in Slack), its id is recorded the moment
 * Slack returns it, and after an ambiguous failure our own channel is looked for before a
 * second one is made. A name someone else already took moves on to `-2`, `-3` …
 */
import { and, eq, isNull } from "drizzle-orm";
import { SlackAPIError } from "slack-edge";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import { AppError } from "../errors";
import type { Incident } from "../incidents/incident";
import { incidentChannelName } from "../slack/channel-name";
import { orgScope } from "./direct-message";
import { once } from "./effects";
import { visibleChannels } from "./list-channels";
import type { Workspace } from "./workspace";

const NAME_ATTEMPTS = 10;

export interface IncidentChannel {
  id: string;
  name: string;
}

export async function ensureIncidentChannel(db: Db, ws: Workspace, incident: Incident): Promise<IncidentChannel> {
  if (incident.channelId && incident.channelName) return { id: incident.channelId, name: incident.channelName };
  const prefix = ws.installation.channelPrefix;
  const recorded = await once(db, {
    key: `incident:${incident.id}:channel`,
    teamId: ws.teamId,
    perform: () => createChannel(ws, incident, prefix),
    reconcile: (attemptedAt) => findOurChannel(ws, incident, prefix, attemptedAt),
  });
  const [id = "", name = ""] = recorded.split("|");
  await db
    .update(incidents)
    .set({ channelId: id, channelName: name })
    .where(and(eq(incidents.id, incident.id), isNull(incidents.channelId)));
  return { id, name };
}

async function createChannel(ws: Workspace, incident: Incident, prefix: string): Promise<string> {
  for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
    const name = incidentChannelName(prefix, incident.number, incident.title, attempt);
    try {
      const created = await ws.slack.conversations.create({ name, is_private: incident.isPrivate, ...orgScope(ws) });
      return `${created.channel?.id}|${created.channel?.name ?? name}`;
    } catch (err) {
      if (err instanceof SlackAPIError && err.error === "name_taken") continue;
      throw err;
    }
  }
  throw new AppError("conflict", `every channel name for INC-${incident.number} is taken`);
}

/** After an ambiguous create: a channel with one of our names that this bot made since the attempt. */
async function findOurChannel(ws: Workspace, incident: Incident, prefix: string, attemptedAt: number) {
  const names = new Set(
    Array.from({ length: NAME_ATTEMPTS }, (_, i) => incidentChannelName(prefix, incident.number, incident.title, i)),
  );
  for await (const c of visibleChannels(ws, 50)) {
    const ours = c.name !== undefined && names.has(c.name) && c.creator === ws.botUserId;
    if (ours && c.id && (c.created ?? 0) * 1000 >= attemptedAt - 60_000) return `${c.id}|${c.name}`;
  }
  return undefined;
}

const ALREADY_THERE = new Set(["already_in_channel", "cant_invite_self"]);

interface InviteError {
  user?: string;
  error?: string;
}

/**
 * Invites everyone in one call (`force`: the valid ones join even if another cannot), and
 * returns those who could not be invited, for the declarer to hear about.
 */
export async function inviteAll(ws: Workspace, channel: string, userIds: (string | null | undefined)[]) {
  const people = [...new Set(userIds.filter((u): u is string => !!u && u !== ws.botUserId))];
  if (people.length === 0) return [];
  let errors: InviteError[];
  try {
    const invited = await ws.slack.conversations.invite({ channel, users: people.join(","), force: true } as never);
    errors = (invited as { errors?: InviteError[] }).errors ?? [];
  } catch (err) {
    // Nobody could be invited: Slack says why for each, or once for all.
    if (!(err instanceof SlackAPIError)) throw err;
    const listed = (err.result as { errors?: InviteError[] }).errors;
    errors = listed?.length ? listed : people.map((user) => ({ user, error: err.error }));
  }
  return errors
    .filter((e) => e.user && e.error && !ALREADY_THERE.has(e.error))
    .map((e) => ({ userId: e.user as string, error: e.error as string }));
}
