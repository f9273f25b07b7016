/**
 * What Slack does with the app's synchronous reply: a command's reply becomes a message the
 * person sees (or an error notice); a view submission's `response_action` closes, updates,
 * pushes or keeps the modal with field errors. Replies to clicks and shortcuts are ignored.
 */
import { validateBlocks, validateView } from "../blocks";
import { nextTs } from "../ids";
import type { EmulatorState, Interaction } from "../state";
import { closeModal, makeView, PUSH_LIMIT, pushModal, showModal, stackOf } from "../views";

export interface Outcome {
  /** Field errors the modal now shows (response_action "errors"). */
  errors?: Record<string, string>;
  /** What went wrong from the person's point of view, when something did. */
  problem?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function commandReply(state: EmulatorState, i: Interaction, body: unknown): Outcome {
  if (body === null || body === "" || body === undefined) return {};
  const base = { kind: "reply" as const, channel: i.channelId };
  if (typeof body === "string") {
    state.see(i.teamId, i.userId, {
      ...base,
      text: body,
      ts: nextTs(state.now(i.teamId), undefined),
      responseType: "ephemeral",
    });
    return {};
  }
  if (!isObj(body)) return { problem: "reply is neither JSON nor text" };
  const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
  const text = typeof body.text === "string" ? body.text : undefined;
  const invalid = body.blocks !== undefined ? validateBlocks(body.blocks, "message") : [];
  if (invalid.length || (!text && !blocks?.length)) {
    const error = invalid.length ? "invalid_blocks" : "no_text";
    state.see(i.teamId, i.userId, { ...base, error, text: invalid.join("\n") || undefined });
    return { problem: error };
  }
  const inChannel = body.response_type === "in_channel";
  const conversation = state.conversation(i.channelId);
  const install = state.installFor(i.teamId);
  const ts =
    inChannel && conversation
      ? state.addMessage(conversation, {
          user: install?.botUserId,
          bot_id: install?.botId,
          app_id: state.app.appId,
          text: text ?? "",
          ...(blocks ? { blocks } : {}),
        }).ts
      : nextTs(state.now(i.teamId), undefined);
  const seen = state.see(i.teamId, i.userId, {
    ...base,
    text,
    blocks,
    ts,
    responseType: inChannel ? "in_channel" : "ephemeral",
  });
  const hook = state.data.hooks[i.hookId ?? ""];
  if (hook && !hook.target && !inChannel) hook.target = { kind: "seen", seenId: seen.id };
  return {};
}

function viewReply(state: EmulatorState, i: Interaction, body: unknown): Outcome {
  const top = state.data.views[stackOf(state, i.teamId, i.userId).at(-1) ?? ""];
  if (!top || top.id !== i.viewId) return { problem: "the modal was no longer open" };
  if (body === null || body === "" || (isObj(body) && body.response_action === undefined)) {
    closeModal(state, i.teamId, i.userId, false);
    return {};
  }
  if (!isObj(body)) return { problem: "reply is not JSON: Slack shows an error in the modal" };
  switch (body.response_action) {
    case "clear":
      closeModal(state, i.teamId, i.userId, true);
      return {};
    case "errors": {
      const errors = isObj(body.errors) ? (body.errors as Record<string, string>) : {};
      const inputs = top.blocks.filter((b) => b.type === "input").map((b) => String(b.block_id));
      const stray = Object.keys(errors).filter((k) => !inputs.includes(k));
      if (stray.length || Object.keys(errors).length === 0) {
        return {
          problem: `errors must name input block_ids (${inputs.join(", ")}); got ${stray.join(", ") || "none"}`,
        };
      }
      top.errors = errors;
      return { errors };
    }
    case "update":
    case "push": {
      const messages = validateView(body.view, "modal");
      if (messages.length) return { problem: `invalid view: ${messages.join("; ")}` };
      const raw = body.view as Obj;
      if (body.response_action === "update") {
        showModal(state, makeView(state, i.teamId, i.userId, raw, top));
        return {};
      }
      if (stackOf(state, i.teamId, i.userId).length >= PUSH_LIMIT) return { problem: "push_limit_reached" };
      pushModal(state, makeView(state, i.teamId, i.userId, raw));
      return {};
    }
    default:
      return { problem: `unknown response_action ${String(body.response_action)}` };
  }
}

/** Applies the app's reply to an interaction the driver delivered. */
export function applyResult(
  state: EmulatorState,
  id: string,
  reply: { status: number; body: unknown; timedOut: boolean },
): Outcome {
  const i = state.runtime.interactions.get(id);
  if (!i) return { problem: `unknown interaction ${id}` };
  state.runtime.interactions.delete(id);
  const failed = reply.timedOut
    ? "operation_timeout"
    : reply.status < 200 || reply.status > 299
      ? "dispatch_failed"
      : undefined;
  if (failed) {
    if (i.kind === "command") state.see(i.teamId, i.userId, { kind: "reply", channel: i.channelId, error: failed });
    return { problem: failed };
  }
  if (i.kind === "command") return commandReply(state, i, reply.body);
  if (i.kind === "view_submission") return viewReply(state, i, reply.body);
  return {};
}
