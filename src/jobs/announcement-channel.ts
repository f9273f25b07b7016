/**
 * Where an incident is announced: fixed when it opens, so later edits land on the same post.
 * A private incident is not announced at all: its title and updates stay in its own channel.
 */
import { SlackAPIError } from "slack-edge";
import type { Incident } from "../incidents/incident";
import type { Workspace } from "./workspace";

export function announcementChannelFor(ws: Workspace, incident: Incident): string | undefined {
  if (incident.isPrivate) return undefined;
  return (
    incident.announcementChannelId ??
    ws.installation.announcementChannelId ??
    ws.installation.incomingWebhookChannelId ??
    undefined
  );
}

/** Runs a post; if the bot is not in the (public) channel yet, joins it and tries once more. */
export async function withJoin<T>(ws: Workspace, channel: string, post: () => Promise<T>): Promise<T> {
  try {
    return await post();
  } catch (err) {
    if (!(err instanceof SlackAPIError) || err.error !== "not_in_channel") throw err;
    await ws.slack.conversations.join({ channel });
    return post();
  }
}
