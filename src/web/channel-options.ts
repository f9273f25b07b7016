/** The channels the announcement setting can name: those the bot is in, plus the install's channel. */
import { orgScope } from "../jobs/direct-message";
import type { Workspace } from "../jobs/workspace";

export interface ChannelOption {
  id: string;
  name: string;
  isPrivate: boolean;
}

/** Undefined when Slack could not be asked (the page then says so). */
export async function announcementChannelOptions(ws: Workspace): Promise<ChannelOption[] | undefined> {
  const options: ChannelOption[] = [];
  try {
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const listed = await ws.slack.conversations.list({
        ...orgScope(ws),
        types: ["public_channel", "private_channel"],
        exclude_archived: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of listed.channels ?? []) {
        const webhook = c.id === ws.installation.incomingWebhookChannelId;
        if (c.id && c.name && (c.is_member || webhook))
          options.push({ id: c.id, name: c.name, isPrivate: c.is_private === true });
      }
      cursor = listed.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
  } catch {
    return undefined;
  }
  return options.sort((a, b) => a.name.localeCompare(b.name));
}
