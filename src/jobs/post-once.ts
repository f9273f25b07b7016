/**
 * chat.postMessage exactly once per key. The key travels in the message's metadata, so after
 * an ambiguous failure the channel's recent history tells whether the post went through.
 */
import type { ChatPostMessageRequest } from "slack-edge";
import type { Db } from "../db/client";
import { once } from "./effects";
import type { Workspace } from "./workspace";

export const POST_METADATA_TYPE = "firebreak_post";

export type PostContent = Omit<ChatPostMessageRequest, "channel" | "metadata">;

/**
 * Posts (or finds the earlier post) and returns the message's ts. `onPosted` runs only when
 * this call's content is what got posted, not an earlier attempt's.
 */
export function postOnce(
  db: Db,
  ws: Workspace,
  key: string,
  channel: string,
  content: PostContent,
  o: { onPosted?: () => void } = {},
): Promise<string> {
  return once(db, {
    key,
    teamId: ws.teamId,
    perform: async () => {
      const posted = await ws.slack.chat.postMessage({
        channel,
        ...content,
        metadata: { event_type: POST_METADATA_TYPE, event_payload: { key } },
      });
      o.onPosted?.();
      return posted.ts ?? "";
    },
    reconcile: (attemptedAt) => findPost(ws, channel, key, attemptedAt, content.thread_ts),
  });
}

/**
 * Our post with this key since the attempt, if any: in the channel's history, or for a thread
 * reply in the thread (history does not list replies).
 */
export async function findPost(ws: Workspace, channel: string, key: string, since: number, threadTs?: string) {
  const window = { channel, oldest: String((since - 60_000) / 1000), include_all_metadata: true, limit: 200 };
  const found = threadTs
    ? await ws.slack.conversations.replies({ ...window, ts: threadTs })
    : await ws.slack.conversations.history(window);
  const match = found.messages?.find(
    (m) => m.metadata?.event_type === POST_METADATA_TYPE && m.metadata.event_payload?.key === key,
  );
  return match?.ts;
}
