/** The channels the announcement setting can name: those the bot is in, plus the install's channel. */
import { visibleChannels } from "../jobs/list-channels";
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
    for await (const c of visibleChannels(ws, 10)) {
      const webhook = c.id === ws.installation.incomingWebhookChannelId;
      if (c.id && c.name && (c.is_member || webhook))
        options.push({ id: c.id, name: c.name, isPrivate: c.is_private === true });
    }
  } catch {
    return undefined;
  }
  return options.sort((a, b) => a.name.localeCompare(b.name));
}
