/**
 * Dispatch for slash commands and interactivity, after routes/slack-events.ts has verified the
 * request and parsed it once. Each listener is an `ack` (its result is the HTTP answer, so it
 * must be fast) and an optional `lazy` half run in waitUntil after the answer is built
 * (opening a modal with the trigger_id). The installation comes from the isolate cache.
 *
 * slack-edge's SlackApp does this too, but per request it rebuilds itself, checks the HMAC and
 * parses the body a second time and decrypts the bot token eagerly: measured at about 5× the
 * cost of this path (bench/), for no behaviour we need.
 */
import type { BlockAction, BlockElementAction, MessageShortcut, SlashCommand, ViewSubmission } from "slack-edge";
import { database } from "../db/client";
import { cachedInstallation } from "../installations/installation-cache";
import { logUnexpected } from "../lib/log";
import { usable } from "./authorize-errors";
import { refuseInteraction } from "./refuse-interaction";
import { errorReply } from "./reply-errors";
import { type RequestContext, requestContext } from "./request-context";
import { postToResponseUrl } from "./response-url";

export interface ListenerArgs<P> {
  payload: P;
  ctx: RequestContext;
}

/** An ack's answer: a JSON body, or nothing (an empty 200). */
// biome-ignore lint/suspicious/noConfusingVoidType: an ack may simply return nothing.
export type AckBody = object | "" | undefined | void;

export interface Listener<P> {
  ack?: (args: ListenerArgs<P>) => Promise<AckBody>;
  lazy?: (args: ListenerArgs<P>) => Promise<void>;
}

export type BlockActionPayload = BlockAction<BlockElementAction>;

/** What routes/slack-events.ts hands over: the parsed command or interactive payload. */
export type SlackInteraction =
  | { kind: "command"; payload: SlashCommand }
  | { kind: "interactive"; payload: Record<string, unknown> };

type Matcher = string | RegExp;
const matches = (m: Matcher, id: string) => (typeof m === "string" ? m === id : m.test(id));

export class SlackRouter {
  #command?: Listener<SlashCommand>;
  readonly #actions: [Matcher, Listener<BlockActionPayload>][] = [];
  readonly #views = new Map<string, Listener<ViewSubmission>>();
  readonly #shortcuts = new Map<string, Listener<MessageShortcut>>();

  /** The root slash command, whatever name it is registered under. */
  command(listener: Listener<SlashCommand>) {
    this.#command = listener;
  }

  action(actionId: Matcher, listener: Listener<BlockActionPayload>) {
    this.#actions.push([actionId, listener]);
  }

  view(callbackId: string, listener: Listener<ViewSubmission>) {
    this.#views.set(callbackId, listener);
  }

  shortcut(callbackId: string, listener: Listener<MessageShortcut>) {
    this.#shortcuts.set(callbackId, listener);
  }

  async handle(
    interaction: SlackInteraction,
    env: Env,
    executionCtx: Pick<ExecutionContext, "waitUntil">,
  ): Promise<Response> {
    const who = whoOf(interaction);
    const isCommand = interaction.kind === "command";
    const db = database(env.DB);
    const found = usable(env, await cachedInstallation(db, who));
    if ("refusal" in found) {
      const text = found.refusal;
      const refusal = refuseInteraction(interaction, text);
      const url = refusal.responseUrl;
      if (url) {
        const notice = { response_type: "ephemeral", replace_original: false, text };
        executionCtx.waitUntil(postToResponseUrl(env, url, notice).catch((err) => logUnexpected("refusal", err)));
      }
      return answer(refusal.body);
    }

    const listener = this.#find(interaction);
    if (!listener) return answer(undefined);
    const args = {
      payload: interaction.payload,
      ctx: requestContext(env, db, found.installation, who),
    } as ListenerArgs<never>;
    let body: AckBody;
    try {
      body = await listener.ack?.(args);
    } catch (err) {
      body = isCommand ? errorReply(err, "command") : undefined;
      if (!isCommand) logUnexpected(`interactive ${String(interaction.payload.type)}`, err);
    }
    if (listener.lazy) {
      executionCtx.waitUntil(listener.lazy(args).catch((err) => logUnexpected("lazy listener", err)));
    }
    return answer(body);
  }

  #find(interaction: SlackInteraction): Listener<never> | undefined {
    if (interaction.kind === "command") return this.#command as Listener<never> | undefined;
    const p = interaction.payload as {
      type?: string;
      actions?: { action_id?: string }[];
      view?: { callback_id?: string };
      callback_id?: string;
    };
    switch (p.type) {
      case "block_actions": {
        const id = p.actions?.[0]?.action_id ?? "";
        return this.#actions.find(([m]) => matches(m, id))?.[1] as Listener<never> | undefined;
      }
      case "view_submission":
        return this.#views.get(p.view?.callback_id ?? "") as Listener<never> | undefined;
      case "message_action":
        return this.#shortcuts.get(p.callback_id ?? "") as Listener<never> | undefined;
      default:
        return undefined;
    }
  }
}

function whoOf(interaction: SlackInteraction): { teamId: string; enterpriseId?: string; userId: string } {
  if (interaction.kind === "command") {
    const c = interaction.payload as SlashCommand & { enterprise_id?: string };
    return { teamId: c.team_id, userId: c.user_id, ...(c.enterprise_id ? { enterpriseId: c.enterprise_id } : {}) };
  }
  const p = interaction.payload as {
    team?: { id?: string } | null;
    enterprise?: { id?: string } | null;
    user?: { id?: string; team_id?: string };
    view?: { team_id?: string };
  };
  const teamId = p.team?.id ?? p.user?.team_id ?? p.view?.team_id ?? "";
  const enterpriseId = p.enterprise?.id ?? undefined;
  return { teamId, userId: p.user?.id ?? "", ...(enterpriseId ? { enterpriseId } : {}) };
}

/** Serialised answers, for the bodies that are built once and reused (the options menu). */
const serialised = new WeakMap<object, string>();

function answer(body: AckBody): Response {
  if (body === undefined || body === "") return new Response(null, { status: 200 });
  let text = serialised.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    if (Object.isFrozen(body)) serialised.set(body, text);
  }
  return new Response(text, { headers: { "content-type": "application/json" } });
}
