/** conversations.info, list, history, members: the reading half of conversations.*. */
import type { Conversation } from "../state";
import { channelFor, type MethodSpec, needTeam, requireScope, SlackError, scopeFor } from "./kit";
import { conversationJson, messageJson, paginate } from "./shapes";

const readScopes = { public: "channels:read", private: "groups:read", im: "im:read" };
const historyScopes = { public: "channels:history", private: "groups:history", im: "im:history" };
const TYPE_SCOPES: Record<string, string> = {
  public_channel: "channels:read",
  private_channel: "groups:read",
  im: "im:read",
  mpim: "mpim:read",
};

function typeOf(c: Conversation): string {
  return c.isIm ? "im" : c.isPrivate ? "private_channel" : "public_channel";
}

const tsNumber = (ts: string) => Number(ts);

export const conversationReadMethods: Record<string, MethodSpec> = {
  "conversations.info": {
    tier: 3,
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { archivedOk: true });
      requireScope(ctx, scopeFor(c, readScopes));
      return { channel: conversationJson(ctx.state, c, ctx.actorId, ctx.args.bool("include_num_members")) };
    },
  },
  "conversations.list": {
    tier: 2,
    run(ctx) {
      const teamId = needTeam(ctx);
      const types = ctx.args.list("types");
      const wanted = types.length ? types : ["public_channel"];
      for (const t of wanted) {
        const scope = TYPE_SCOPES[t];
        if (!scope) throw new SlackError("invalid_types");
        requireScope(ctx, scope);
      }
      const limit = ctx.args.int("limit", 100);
      if (limit < 1 || limit > 1000) throw new SlackError("invalid_limit");
      const actor = ctx.actorId ?? "";
      const visible = ctx.state
        .conversationsOf(teamId)
        .filter((c) => wanted.includes(typeOf(c)))
        .filter((c) => !(c.isPrivate || c.isIm) || c.members.includes(actor))
        .filter((c) => !(ctx.args.bool("exclude_archived") && c.isArchived));
      const page = paginate(visible, ctx.args.str("cursor"), limit);
      if (!page) throw new SlackError("invalid_cursor");
      return {
        channels: page.page.map((c) => conversationJson(ctx.state, c, actor, true)),
        response_metadata: { next_cursor: page.next_cursor },
      };
    },
  },
  "conversations.history": {
    tier: 3,
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { member: true, archivedOk: true });
      requireScope(ctx, scopeFor(c, historyScopes));
      const oldest = ctx.args.str("oldest");
      const latest = ctx.args.str("latest");
      if (oldest && Number.isNaN(Number(oldest))) throw new SlackError("invalid_ts_oldest");
      if (latest && Number.isNaN(Number(latest))) throw new SlackError("invalid_ts_latest");
      const inclusive = ctx.args.bool("inclusive");
      const after = (ts: string) =>
        !oldest || (inclusive ? tsNumber(ts) >= Number(oldest) : tsNumber(ts) > Number(oldest));
      const before = (ts: string) =>
        !latest || (inclusive ? tsNumber(ts) <= Number(latest) : tsNumber(ts) < Number(latest));
      // Thread replies live in conversations.replies, not in the channel's history.
      const top = c.messages
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.subtype === "thread_broadcast")
        .filter((m) => after(m.ts) && before(m.ts))
        .reverse();
      const limit = Math.min(Math.max(ctx.args.int("limit", 100), 1), 999);
      const page = paginate(top, ctx.args.str("cursor"), limit);
      if (!page) throw new SlackError("invalid_cursor");
      return {
        messages: page.page.map(messageJson),
        has_more: page.next_cursor !== "",
        pin_count: c.pins.length,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: { next_cursor: page.next_cursor },
      };
    },
  },
  "conversations.replies": {
    tier: 3,
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { member: true, archivedOk: true });
      requireScope(ctx, scopeFor(c, historyScopes));
      const ts = ctx.args.str("ts");
      if (!ts) throw new SlackError("invalid_arguments");
      const parent = c.messages.find((m) => m.ts === ts);
      if (!parent) throw new SlackError("thread_not_found");
      const oldest = ctx.args.str("oldest");
      const latest = ctx.args.str("latest");
      const inclusive = ctx.args.bool("inclusive");
      const inRange = (m: { ts: string }) =>
        m.ts === ts ||
        ((!oldest || (inclusive ? tsNumber(m.ts) >= Number(oldest) : tsNumber(m.ts) > Number(oldest))) &&
          (!latest || (inclusive ? tsNumber(m.ts) <= Number(latest) : tsNumber(m.ts) < Number(latest))));
      // The parent first, then its replies, oldest first (Slack's order for this method).
      const thread = [parent, ...c.messages.filter((m) => m.thread_ts === ts && m.ts !== ts)].filter(inRange);
      const limit = Math.min(Math.max(ctx.args.int("limit", 100), 1), 1000);
      const page = paginate(thread, ctx.args.str("cursor"), limit);
      if (!page) throw new SlackError("invalid_cursor");
      return {
        messages: page.page.map(messageJson),
        has_more: page.next_cursor !== "",
        response_metadata: { next_cursor: page.next_cursor },
      };
    },
  },
  "conversations.members": {
    tier: 4,
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { archivedOk: true });
      requireScope(ctx, scopeFor(c, readScopes));
      const page = paginate(c.members, ctx.args.str("cursor"), Math.min(ctx.args.int("limit", 100), 1000));
      if (!page) throw new SlackError("invalid_cursor");
      return { members: page.page, response_metadata: { next_cursor: page.next_cursor } };
    },
  },
};
