/** pins.add, bookmarks.add, reactions.add: things attached to a channel or a message. */
import { emitEvent } from "../events";
import { epochSeconds, slackId } from "../ids";
import type { Conversation, EmulatorState } from "../state";
import type { Bookmark } from "../types";
import { channelFor, type MethodSpec, SlackError } from "./kit";

const TS = /^\d{10}\.\d{6}$/;
const EMOJI = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

function messageAt(c: Conversation, ts: string | undefined) {
  if (!ts) throw new SlackError("no_item_specified");
  if (!TS.test(ts)) throw new SlackError("bad_timestamp");
  const m = c.messages.find((x) => x.ts === ts);
  if (!m) throw new SlackError("message_not_found");
  return m;
}

/** A reaction by anyone (the bot through the API, a person through the control API). */
export function react(state: EmulatorState, c: Conversation, ts: string, userId: string, rawName: string): void {
  const name = rawName.replace(/^:|:$/g, "");
  if (!EMOJI.test(name)) throw new SlackError("invalid_name");
  const m = messageAt(c, ts);
  m.reactions ??= [];
  const r = m.reactions.find((x) => x.name === name);
  if (r?.users.includes(userId)) throw new SlackError("already_reacted");
  if (r) {
    r.users.push(userId);
    r.count += 1;
  } else m.reactions.push({ name, users: [userId], count: 1 });
  emitEvent(
    state,
    c.teamId,
    {
      type: "reaction_added",
      user: userId,
      reaction: name,
      item_user: m.user,
      item: { type: "message", channel: c.id, ts },
    },
    { conversation: c },
  );
}

export const itemMethods: Record<string, MethodSpec> = {
  "pins.add": {
    tier: 2,
    scopes: ["pins:write"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { member: true });
      const m = messageAt(c, ctx.args.str("timestamp"));
      if (c.pins.includes(m.ts)) throw new SlackError("already_pinned");
      if (c.pins.length >= 100) throw new SlackError("too_many_pins");
      c.pins.push(m.ts);
      ctx.state.addMessage(c, {
        subtype: "pinned_item",
        user: ctx.actorId,
        bot_id: ctx.install?.botId,
        text: `<@${ctx.actorId}> pinned a message to this channel.`,
      });
      return {};
    },
  },
  "bookmarks.add": {
    tier: 2,
    scopes: ["bookmarks:write"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel_id"));
      if (!c.members.includes(ctx.actorId ?? "")) throw new SlackError("channel_not_found");
      const title = ctx.args.need("title");
      if (ctx.args.str("type") !== "link") throw new SlackError("invalid_bookmark_type");
      const link = ctx.args.str("link") ?? "";
      if (!/^https?:\/\//.test(link)) throw new SlackError("invalid_link");
      const emoji = ctx.args.str("emoji");
      if (emoji && !/^:[a-z0-9_+'-]+:$/.test(emoji)) throw new SlackError("invalid_emoji");
      if (c.bookmarks.length >= 100) throw new SlackError("too_many_bookmarks");
      const now = epochSeconds(ctx.state.now(c.teamId));
      const bookmark: Bookmark = {
        id: slackId("Bk"),
        channel_id: c.id,
        title,
        link,
        ...(emoji ? { emoji } : {}),
        type: "link",
        date_created: now,
        date_updated: now,
        rank: String.fromCharCode(85 + c.bookmarks.length),
        last_updated_by_user_id: ctx.actorId ?? "",
        app_id: ctx.state.app.appId,
      };
      c.bookmarks.push(bookmark);
      return { bookmark };
    },
  },
  "reactions.add": {
    tier: 3,
    scopes: ["reactions:write"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"));
      const name = ctx.args.str("name");
      if (!name) throw new SlackError("invalid_name");
      react(ctx.state, c, ctx.args.str("timestamp") ?? "", ctx.actorId ?? "", name);
      return {};
    },
  },
};
