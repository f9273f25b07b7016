/**
 * views.open / push / update / publish. A trigger_id lives 3 s and opens one view; views.update
 * takes view_id or external_id and refuses a stale `hash`.
 */
import { validateView } from "../blocks";
import type { StoredView, Trigger } from "../state";
import { userKey } from "../state";
import { isOpen, makeView, openModal, PUSH_LIMIT, pushModal, showModal, stackOf, supersede, viewJson } from "../views";
import { type ApiContext, type MethodSpec, needTeam, SlackError } from "./kit";

export const TRIGGER_LIFETIME_MS = 3000;
const MAX_VIEW_BYTES = 250_000;

/** A live trigger; the caller marks it used once the view is accepted. */
function liveTrigger(ctx: ApiContext): Trigger {
  const id = ctx.args.str("trigger_id") ?? ctx.args.str("interactivity_pointer");
  const t = ctx.state.data.triggers[id ?? ""];
  if (!t || t.teamId !== needTeam(ctx)) throw new SlackError("invalid_trigger_id");
  if (t.used) throw new SlackError("exchanged_trigger_id");
  if (ctx.state.now(t.teamId) - t.created > TRIGGER_LIFETIME_MS) throw new SlackError("expired_trigger_id");
  return t;
}

function viewArg(ctx: ApiContext, type: "modal" | "home", current?: StoredView): Record<string, unknown> {
  const view = ctx.args.json("view", "invalid_arguments");
  const messages = validateView(view, type);
  if (messages.length) throw new SlackError("invalid_arguments", { response_metadata: { messages } });
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) throw new SlackError("view_too_large");
  const raw = view as Record<string, unknown>;
  const external = raw.external_id;
  if (typeof external === "string" && external) {
    const clash = Object.values(ctx.state.data.views).find(
      (v) => v.team_id === ctx.teamId && v.external_id === external && v.id !== current?.id,
    );
    if (clash) throw new SlackError("duplicate_external_id");
  }
  return raw;
}

function checkHash(ctx: ApiContext, v: StoredView | undefined): void {
  const hash = ctx.args.str("hash");
  if (v && hash && hash !== v.hash) throw new SlackError("hash_conflict");
}

export const viewMethods: Record<string, MethodSpec> = {
  "views.open": {
    tier: 4,
    run(ctx) {
      const t = liveTrigger(ctx);
      const raw = viewArg(ctx, "modal");
      t.used = true;
      const v = makeView(ctx.state, t.teamId, t.userId, raw);
      openModal(ctx.state, v);
      return { view: viewJson(v) };
    },
  },
  "views.push": {
    tier: 4,
    run(ctx) {
      const t = liveTrigger(ctx);
      const stack = stackOf(ctx.state, t.teamId, t.userId);
      if (stack.length === 0) throw new SlackError("not_found");
      if (stack.length >= PUSH_LIMIT) throw new SlackError("push_limit_reached");
      const raw = viewArg(ctx, "modal");
      t.used = true;
      const v = makeView(ctx.state, t.teamId, t.userId, raw);
      pushModal(ctx.state, v);
      return { view: viewJson(v) };
    },
  },
  "views.update": {
    tier: 4,
    run(ctx) {
      const teamId = needTeam(ctx);
      const id = ctx.args.str("view_id");
      const external = ctx.args.str("external_id");
      if (!id && !external) throw new SlackError("invalid_arguments");
      const v = Object.values(ctx.state.data.views).find(
        (x) => x.team_id === teamId && (id ? x.id === id : x.external_id === external),
      );
      if (!v || !isOpen(ctx.state, v)) throw new SlackError("not_found");
      checkHash(ctx, v);
      const updated = makeView(ctx.state, teamId, v.userId, viewArg(ctx, v.type, v), v);
      if (updated.type === "modal") showModal(ctx.state, updated);
      else supersede(ctx.state, updated);
      return { view: viewJson(updated) };
    },
  },
  "views.publish": {
    tier: 4,
    run(ctx) {
      const teamId = needTeam(ctx);
      const user = ctx.state.user(ctx.args.str("user_id"));
      if (!user?.teamIds.includes(teamId) || user.bot) throw new SlackError("invalid_arguments");
      const key = userKey(teamId, user.id);
      const current = ctx.state.data.views[ctx.state.data.homes[key] ?? ""];
      checkHash(ctx, current);
      const v = makeView(ctx.state, teamId, user.id, viewArg(ctx, "home", current), current);
      ctx.state.data.homes[key] = v.id;
      return { view: viewJson(v) };
    },
  },
};
