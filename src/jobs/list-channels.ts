/** Every channel the bot can see in the workspace (public, and private ones it is in), page by page. */

import { orgScope } from "./direct-message";
import type { Workspace } from "./workspace";

type Listed = NonNullable<Awaited<ReturnType<Workspace["slack"]["conversations"]["list"]>>["channels"]>[number];

export async function* visibleChannels(ws: Workspace, maxPages: number): AsyncGenerator<Listed> {
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const listed = await ws.slack.conversations.list({
      ...orgScope(ws),
      types: ["public_channel", "private_channel"],
      exclude_archived: true,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    yield* listed.channels ?? [];
    cursor = listed.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
}
