/**
 * response_urls and incoming webhooks: the URLs Slack hands the app to post back through.
 * A response_url takes 5 posts within 30 minutes; `replace_original` / `delete_original` act on
 * the message it came from (a clicked message, or the command's latest ephemeral answer).
 */
import { Hono } from "hono";
import { Args } from "./api/kit";
import { validateBlocks } from "./blocks";
import { drawFault } from "./faults";
import { digits, hex, nextTs } from "./ids";
import type { EmulatorState, ResponseHook } from "./state";
import type { SeenItem } from "./types";

export const HOOK_MAX_USES = 5;
/** The name scripted faults use for posts to a response_url. */
export const RESPONSE_URL_METHOD = "response_url";
export const HOOK_LIFETIME_MS = 30 * 60 * 1000;

/** Mints a response_url for a command (`commands`) or an interaction (`actions`). */
export function mintHook(
  state: EmulatorState,
  kind: "commands" | "actions",
  o: Omit<ResponseHook, "id" | "created" | "uses">,
): { hook: ResponseHook; url: string } {
  const id = `${kind}/${o.teamId}/${digits(13)}/${hex(24)}`;
  const hook: ResponseHook = { id, created: state.now(o.teamId), uses: 0, ...o };
  state.data.hooks[id] = hook;
  return { hook, url: `${state.baseUrl}/${id}` };
}

type Body = {
  text?: string;
  blocks?: unknown[];
  response_type?: string;
  replace_original?: unknown;
  delete_original?: unknown;
  thread_ts?: string;
};

async function readBody(req: Request): Promise<Body | undefined> {
  const text = await req.text();
  const type = req.headers.get("content-type") ?? "";
  try {
    const raw = type.includes("application/x-www-form-urlencoded") ? new URLSearchParams(text).get("payload") : text;
    const body = JSON.parse(raw ?? "");
    return typeof body === "object" && body !== null ? (body as Body) : undefined;
  } catch {
    return undefined;
  }
}

const truthy = (v: unknown) => v === true || v === "true";

function post(state: EmulatorState, hook: ResponseHook, body: Body): void {
  const target = hook.target;
  const targetSeen = target?.kind === "seen" ? state.seenItem(target.seenId) : undefined;
  const conversation = state.conversation(target?.kind === "message" ? target.channel : hook.channelId);
  const targetMessage = target?.kind === "message" ? conversation?.messages.find((m) => m.ts === target.ts) : undefined;
  if (truthy(body.delete_original)) {
    if (targetSeen) targetSeen.deleted = true;
    if (targetMessage && conversation) conversation.messages = conversation.messages.filter((m) => m !== targetMessage);
    return;
  }
  if (truthy(body.replace_original) && targetMessage) {
    targetMessage.text = body.text ?? "";
    targetMessage.blocks = body.blocks;
    targetMessage.edited = { user: targetMessage.user ?? "", ts: nextTs(state.now(hook.teamId), undefined) };
    return;
  }
  const inChannel = body.response_type === "in_channel";
  let ts: string | undefined = targetSeen?.ts;
  if (inChannel && conversation) {
    const install = state.installFor(hook.teamId);
    ts = state.addMessage(conversation, {
      user: install?.botUserId,
      bot_id: install?.botId,
      app_id: state.app.appId,
      text: body.text ?? "",
      ...(body.blocks ? { blocks: body.blocks } : {}),
      ...(body.thread_ts ? { thread_ts: body.thread_ts } : {}),
    }).ts;
  } else if (!truthy(body.replace_original) || !targetSeen) {
    ts = nextTs(state.now(hook.teamId), undefined);
  }
  if (truthy(body.replace_original) && targetSeen) targetSeen.replaced = true;
  const seen: SeenItem = state.see(hook.teamId, hook.userId, {
    kind: "response_url",
    text: body.text,
    blocks: body.blocks,
    channel: hook.channelId,
    ts,
    responseType: inChannel ? "in_channel" : "ephemeral",
  });
  // A command's replace_original acts on its latest ephemeral answer; an action's on the
  // message clicked (and, once replaced, on its replacement).
  const isCommand = hook.id.startsWith("commands/");
  if (!inChannel && (isCommand || (truthy(body.replace_original) && target?.kind === "seen"))) {
    hook.target = { kind: "seen", seenId: seen.id };
  }
}

export function hookRoutes(state: EmulatorState) {
  const app = new Hono();
  app.post("/:kind{commands|actions}/:team/:n/:secret", async (c) => {
    const hook = state.data.hooks[c.req.path.slice(1)];
    if (!hook) return c.json({ ok: false, error: "no_service" }, 404);
    if (state.now(hook.teamId) - hook.created > HOOK_LIFETIME_MS)
      return c.json({ ok: false, error: "expired_url" }, 404);
    if (hook.uses >= HOOK_MAX_USES) return c.json({ ok: false, error: "used_url" }, 404);
    // A scripted fault for "response_url" makes Slack's side fail with a 500, as it sometimes does.
    const fault = drawFault(state, hook.teamId, RESPONSE_URL_METHOD, new Args({}));
    if (fault?.kind === "scripted") return c.json({ ok: false, error: fault.error }, 500);
    const body = await readBody(c.req.raw);
    if (!body) return c.json({ ok: false, error: "invalid_payload" }, 400);
    if (!truthy(body.delete_original) && !body.text && !(Array.isArray(body.blocks) && body.blocks.length)) {
      return c.json({ ok: false, error: "no_text" }, 400);
    }
    if (body.blocks !== undefined) {
      const messages = validateBlocks(body.blocks, "message");
      if (messages.length) return c.json({ ok: false, error: "invalid_blocks", response_metadata: { messages } }, 400);
    }
    hook.uses += 1;
    post(state, hook, body);
    return c.json({ ok: true });
  });
  // Incoming webhooks answer in plain text, as Slack's do.
  app.post("/services/:team/:bot/:secret", async (c) => {
    const hook = state.data.webhooks[c.req.path.slice("/services/".length)];
    const install = hook ? state.data.installs[hook.installKey] : undefined;
    const channel = state.conversation(hook?.channelId);
    if (!hook || !install || install.uninstalled || !channel) return c.text("no_service", 404);
    if (channel.isArchived) return c.text("channel_is_archived", 410);
    const body = await readBody(c.req.raw);
    if (!body) return c.text("invalid_payload", 400);
    if (!body.text && !(Array.isArray(body.blocks) && body.blocks.length)) return c.text("no_text", 400);
    if (body.blocks !== undefined && validateBlocks(body.blocks, "message").length)
      return c.text("invalid_blocks", 400);
    state.addMessage(channel, {
      subtype: "bot_message",
      bot_id: install.botId,
      app_id: state.app.appId,
      text: body.text ?? "",
      ...(body.blocks ? { blocks: body.blocks } : {}),
    });
    return c.text("ok");
  });
  return app;
}
