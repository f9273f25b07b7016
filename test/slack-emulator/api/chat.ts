/** chat.postMessage, update, delete, postEphemeral, getPermalink. */
import { validateBlocks } from "../blocks";
import { nextTs } from "../ids";
import type { Conversation } from "../state";
import { userKey } from "../state";
import type { Message } from "../types";
import { type ApiContext, botUser, channelFor, type MethodSpec, needTeam, SlackError } from "./kit";
import { messageJson } from "./shapes";

/** Text, blocks and metadata of a message, checked as Slack checks them. */
export function messageContent(ctx: ApiContext, maxText: number, required = true) {
  const text = ctx.args.str("text");
  const blocks = ctx.args.json("blocks", "invalid_blocks_format");
  const attachments = ctx.args.json("attachments", "invalid_attachments");
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new SlackError("invalid_blocks_format");
    const messages = validateBlocks(blocks, "message");
    if (messages.length) throw new SlackError("invalid_blocks", { response_metadata: { messages } });
  }
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (required && !text && !(Array.isArray(blocks) && blocks.length) && !hasAttachments)
    throw new SlackError("no_text");
  if (text && [...text].length > maxText) throw new SlackError("msg_too_long");
  const metadata = ctx.args.json("metadata", "invalid_metadata_format");
  if (metadata !== undefined) {
    const m = metadata as { event_type?: unknown; event_payload?: unknown };
    if (typeof m.event_type !== "string" || typeof m.event_payload !== "object") {
      throw new SlackError("invalid_metadata_schema");
    }
  }
  return {
    text,
    blocks: blocks as unknown[] | undefined,
    metadata: metadata as Message["metadata"],
    attachments: hasAttachments ? attachments : undefined,
  };
}

/** Where chat.postMessage posts: a channel id or name, or a user id (the bot's DM with them). */
function postTarget(ctx: ApiContext): Conversation {
  const ref = ctx.args.str("channel");
  const teamId = ctx.teamId ?? ctx.state.conversation(ref)?.teamId;
  const person = ref && teamId ? ctx.state.user(ref) : undefined;
  if (person && teamId && person.teamIds.includes(teamId)) {
    if (person.deleted) throw new SlackError("channel_not_found");
    return ctx.state.imWith(teamId, botUser(ctx), person.id);
  }
  const c = channelFor(ctx, ref, { byName: true });
  const member = c.members.includes(ctx.actorId ?? "");
  if (!member && !ctx.token?.scopes.includes("chat:write.public")) throw new SlackError("not_in_channel");
  return c;
}

function ownMessage(ctx: ApiContext, c: Conversation, ts: string | undefined, error: string): Message {
  const m = c.messages.find((x) => x.ts === ts);
  if (!m) throw new SlackError("message_not_found");
  const mine = ctx.token?.kind === "bot" ? m.bot_id === ctx.install?.botId : m.user === ctx.actorId && !m.bot_id;
  if (!mine) throw new SlackError(error);
  return m;
}

/** The DM copies a person saw of this message, so edits and deletes show in seen(). */
function dmSeen(ctx: ApiContext, c: Conversation, ts: string) {
  if (!c.isIm || !c.imUser) return [];
  return (ctx.state.data.seen[userKey(c.teamId, c.imUser)] ?? []).filter(
    (s) => s.kind === "dm" && s.ts === ts && s.channel === c.id && !s.replaced && !s.deleted,
  );
}

export const chatMethods: Record<string, MethodSpec> = {
  "chat.postMessage": {
    tier: "post",
    scopes: ["chat:write"],
    run(ctx) {
      const c = postTarget(ctx);
      const content = messageContent(ctx, 40_000);
      const threadTs = ctx.args.str("thread_ts");
      const asBot = ctx.token?.kind === "bot";
      const message = ctx.state.addMessage(c, {
        user: ctx.actorId,
        ...(asBot ? { bot_id: ctx.install?.botId, app_id: ctx.state.app.appId } : {}),
        text: content.text ?? "",
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(content.metadata ? { metadata: content.metadata } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(threadTs && ctx.args.bool("reply_broadcast") ? { subtype: "thread_broadcast" } : {}),
      });
      return { channel: c.id, ts: message.ts, message: messageJson(message) };
    },
  },
  "chat.update": {
    tier: 3,
    scopes: ["chat:write"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"));
      const m = ownMessage(ctx, c, ctx.args.str("ts"), "cant_update_message");
      const content = messageContent(ctx, 4_000);
      if (content.text !== undefined) m.text = content.text;
      if (content.blocks !== undefined) m.blocks = content.blocks;
      if (content.metadata !== undefined) m.metadata = content.metadata;
      m.edited = { user: ctx.actorId ?? "", ts: nextTs(ctx.state.now(c.teamId), undefined) };
      for (const seen of dmSeen(ctx, c, m.ts)) {
        seen.replaced = true;
        ctx.state.see(c.teamId, c.imUser ?? "", {
          kind: "dm",
          text: m.text,
          blocks: m.blocks,
          channel: c.id,
          ts: m.ts,
        });
      }
      return { channel: c.id, ts: m.ts, text: m.text, message: messageJson(m) };
    },
  },
  "chat.delete": {
    tier: 3,
    scopes: ["chat:write"],
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"));
      const m = ownMessage(ctx, c, ctx.args.str("ts"), "cant_delete_message");
      c.messages = c.messages.filter((x) => x !== m);
      c.pins = c.pins.filter((ts) => ts !== m.ts);
      for (const seen of dmSeen(ctx, c, m.ts)) seen.deleted = true;
      return { channel: c.id, ts: m.ts };
    },
  },
  "chat.postEphemeral": {
    tier: 4,
    scopes: ["chat:write"],
    run(ctx) {
      const teamId = needTeam(ctx);
      const c = channelFor(ctx, ctx.args.str("channel"));
      if (!c.members.includes(ctx.actorId ?? "") && !ctx.token?.scopes.includes("chat:write.public")) {
        throw new SlackError("not_in_channel");
      }
      const user = ctx.state.user(ctx.args.str("user"));
      if (!user || !c.members.includes(user.id)) throw new SlackError("user_not_in_channel");
      const content = messageContent(ctx, 40_000);
      const ts = nextTs(ctx.state.now(teamId), c.messages.at(-1)?.ts);
      ctx.state.see(teamId, user.id, {
        kind: "ephemeral",
        text: content.text ?? "",
        blocks: content.blocks,
        channel: c.id,
        ts,
        responseType: "ephemeral",
      });
      return { message_ts: ts };
    },
  },
  "chat.getPermalink": {
    tier: "special",
    run(ctx) {
      const c = channelFor(ctx, ctx.args.str("channel"), { archivedOk: true });
      const ts = ctx.args.str("message_ts");
      const m = c.messages.find((x) => x.ts === ts);
      if (!m) throw new SlackError("message_not_found");
      const domain = ctx.state.team(c.teamId)?.domain ?? "slack";
      const thread = m.thread_ts && m.thread_ts !== m.ts ? `?thread_ts=${m.thread_ts}&cid=${c.id}` : "";
      return {
        channel: c.id,
        permalink: `https://${domain}.slack.com/archives/${c.id}/p${m.ts.replace(".", "")}${thread}`,
      };
    },
  },
};
