/** conversations.create, invite, join, open, setTopic, setPurpose: the writing half of conversations.*. */
import { joinChannel } from "../events";
import { epochSeconds } from "../ids";
import type { Conversation } from "../state";
import {
  type ApiContext,
  botUser,
  channelFor,
  type MethodSpec,
  needTeam,
  requireScope,
  SlackError,
  scopeFor,
} from "./kit";
import { conversationJson } from "./shapes";

/**
 * Slack checks a new name and inserts the channel in separate steps, so two concurrent creates
 * with the same name can both succeed (node-slack-sdk #1589). This window keeps that race alive.
 */
export const CREATE_RACE_WINDOW_MS = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Slack's channel-name rules, in the order its errors are reported. */
export function channelNameError(name: string): string | undefined {
  if (!name) return "invalid_name_required";
  if ([...name].length > 80) return "invalid_name_maxlength";
  if (!/^[a-z0-9_-]+$/.test(name)) return "invalid_name_specials";
  if (/^[-_]+$/.test(name)) return "invalid_name_punctuation";
  return undefined;
}

const writeScopes = { public: "channels:manage", private: "groups:write", im: "im:write" };

function setText(ctx: ApiContext, field: "topic" | "purpose") {
  const c = channelFor(ctx, ctx.args.str("channel"), { member: true });
  requireScope(ctx, scopeFor(c, writeScopes));
  const value = ctx.args.str(field) ?? "";
  if ([...value].length > 250) throw new SlackError("too_long");
  const actor = ctx.actorId ?? "";
  c[field] = { value, creator: actor, last_set: epochSeconds(ctx.state.now(c.teamId)) };
  const what = field === "topic" ? "topic" : "description";
  ctx.state.addMessage(c, {
    subtype: field === "topic" ? "channel_topic" : "channel_purpose",
    user: actor,
    text: `set the channel ${what}: ${value}`,
    [field]: value,
  });
  return { channel: conversationJson(ctx.state, c, actor) };
}

export const conversationWriteMethods: Record<string, MethodSpec> = {
  "conversations.create": {
    tier: 2,
    async run(ctx) {
      const teamId = needTeam(ctx);
      const isPrivate = ctx.args.bool("is_private");
      requireScope(ctx, isPrivate ? "groups:write" : "channels:manage");
      const name = ctx.args.str("name") ?? "";
      const problem = channelNameError(name);
      if (problem) throw new SlackError(problem);
      const taken = () => ctx.state.conversationsOf(teamId).some((c) => !c.isIm && c.name === name);
      if (taken()) throw new SlackError("name_taken");
      await sleep(CREATE_RACE_WINDOW_MS);
      const actor = ctx.actorId ?? "";
      const c = ctx.state.createConversation(teamId, { name, isPrivate, creator: actor });
      joinChannel(ctx.state, c, [actor]);
      return { channel: conversationJson(ctx.state, c, actor) };
    },
  },
  "conversations.invite": {
    tier: 3,
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { member: true });
      if (c.isIm) throw new SlackError("method_not_supported_for_channel_type");
      requireScope(ctx, scopeFor(c, writeScopes));
      const users = ctx.args.list("users");
      if (users.length === 0) throw new SlackError("no_user");
      if (users.length > 1000) throw new SlackError("too_many_users");
      const errors: { user: string; ok: false; error: string }[] = [];
      const valid: string[] = [];
      for (const id of users) {
        const u = ctx.state.user(id);
        const error = !u?.teamIds.includes(c.teamId)
          ? "user_not_found"
          : id === ctx.actorId
            ? "cant_invite_self"
            : u.deleted
              ? "cant_invite"
              : c.members.includes(id)
                ? "already_in_channel"
                : undefined;
        if (error) errors.push({ user: id, ok: false, error });
        else if (!valid.includes(id)) valid.push(id);
      }
      const first = errors[0];
      // Without force, one bad id fails the whole call and nobody is invited.
      if (first && (!ctx.args.bool("force") || valid.length === 0)) throw new SlackError(first.error, { errors });
      joinChannel(ctx.state, c, valid, ctx.actorId);
      return { channel: conversationJson(ctx.state, c, ctx.actorId), ...(errors.length ? { errors } : {}) };
    },
  },
  "conversations.join": {
    tier: 3,
    scopes: ["channels:join"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"));
      if (c.isPrivate || c.isIm) throw new SlackError("method_not_supported_for_channel_type");
      const actor = ctx.actorId ?? "";
      const already = c.members.includes(actor);
      joinChannel(ctx.state, c, [actor]);
      return {
        channel: conversationJson(ctx.state, c, actor),
        ...(already ? { warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } } : {}),
      };
    },
  },
  "conversations.open": {
    tier: 3,
    scopes: ["im:write"],
    run(ctx) {
      const teamId = needTeam(ctx);
      const users = ctx.args.list("users");
      if (users.length === 0 && !ctx.args.str("channel")) throw new SlackError("users_list_not_supplied");
      if (users.length > 1) throw new SlackError("method_not_supported_for_channel_type");
      let im: Conversation;
      let existed = false;
      if (users[0]) {
        const u = ctx.state.user(users[0]);
        if (!u?.teamIds.includes(teamId)) throw new SlackError("user_not_found");
        if (u.deleted) throw new SlackError("user_disabled");
        const bot = botUser(ctx);
        existed = ctx.state.conversationsOf(teamId).some((x) => x.isIm && x.imUser === u.id && x.members.includes(bot));
        im = ctx.state.imWith(teamId, bot, u.id);
      } else {
        im = channelFor(ctx, ctx.args.str("channel"));
        existed = true;
      }
      const full = ctx.args.bool("return_im");
      return {
        channel: full ? conversationJson(ctx.state, im, ctx.actorId) : { id: im.id },
        ...(existed ? { no_op: true, already_open: true } : {}),
      };
    },
  },
  "conversations.setTopic": { tier: 2, run: (ctx) => setText(ctx, "topic") },
  "conversations.setPurpose": { tier: 2, run: (ctx) => setText(ctx, "purpose") },
};
