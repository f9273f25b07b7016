/** "Firebreak is here": once per channel, whether the bot was invited or joined at install. */
import type { Db } from "../db/client";
import { channelNotice } from "../slack/blocks/notices";
import { postOnce } from "./post-once";
import type { Workspace } from "./workspace";

export function channelNoticeKey(teamId: string, channel: string) {
  return `channel-notice:${teamId}:${channel}`;
}

export function postChannelNotice(db: Db, ws: Workspace, channel: string) {
  return postOnce(db, ws, channelNoticeKey(ws.teamId, channel), channel, channelNotice(ws.command));
}
