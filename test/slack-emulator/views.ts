/**
 * Modal stacks and App Home views, shared by views.* and by the driver's submissions: a view
 * per id, a stack (at most 3) per person, what each person saw of them.
 */
import { withIds } from "./blocks";
import { epochSeconds, hex, slackId } from "./ids";
import type { EmulatorState, StoredView } from "./state";
import { userKey } from "./state";
import type { View } from "./types";

export const PUSH_LIMIT = 3;

type Raw = Record<string, unknown>;

/** A stored view from a validated view payload; `base` keeps the id and place of an updated view. */
export function makeView(
  state: EmulatorState,
  teamId: string,
  userId: string,
  raw: Raw,
  base?: StoredView,
): StoredView {
  const install = state.installFor(teamId);
  const view: StoredView = {
    id: base?.id ?? slackId("V"),
    team_id: teamId,
    type: raw.type === "home" ? "home" : "modal",
    title: raw.title as View["title"],
    submit: raw.submit as View["submit"],
    close: raw.close as View["close"],
    blocks: withIds((raw.blocks as Raw[]) ?? []),
    private_metadata: (raw.private_metadata as string) ?? "",
    callback_id: (raw.callback_id as string) ?? "",
    external_id: (raw.external_id as string) ?? "",
    hash: `${epochSeconds(state.now(teamId))}.${hex(8)}`,
    state: { values: {} },
    root_view_id: base?.root_view_id ?? "",
    previous_view_id: base?.previous_view_id ?? null,
    app_id: state.app.appId,
    bot_id: install?.botId ?? "",
    app_installed_team_id: teamId,
    notify_on_close: raw.notify_on_close === true,
    clear_on_close: raw.clear_on_close === true,
    userId,
  };
  if (!view.root_view_id) view.root_view_id = view.id;
  state.data.views[view.id] = view;
  return view;
}

/** A view as the API returns it. */
export function viewJson(v: StoredView): View {
  const { userId: _u, errors: _e, ...rest } = v;
  return rest;
}

export function stackOf(state: EmulatorState, teamId: string, userId: string): string[] {
  const key = userKey(teamId, userId);
  state.data.stacks[key] ??= [];
  return state.data.stacks[key];
}

/** Records that the person now sees this modal, superseding what they saw of it before. */
export function showModal(state: EmulatorState, v: StoredView): void {
  supersede(state, v);
  state.see(v.team_id, v.userId, { kind: "modal", text: v.title?.text, blocks: v.blocks, viewId: v.id });
}

/** Marks the person's seen copies of a view as replaced (closed or updated). */
export function supersede(state: EmulatorState, v: StoredView): void {
  for (const s of state.data.seen[userKey(v.team_id, v.userId)] ?? []) {
    if (s.kind === "modal" && s.viewId === v.id) s.replaced = true;
  }
}

export function openModal(state: EmulatorState, v: StoredView): void {
  const stack = stackOf(state, v.team_id, v.userId);
  for (const id of stack.splice(0)) {
    const old = state.data.views[id];
    if (old) supersede(state, old);
  }
  stack.push(v.id);
  showModal(state, v);
}

export function pushModal(state: EmulatorState, v: StoredView): void {
  const stack = stackOf(state, v.team_id, v.userId);
  v.previous_view_id = stack.at(-1) ?? null;
  v.root_view_id = stack[0] ?? v.id;
  stack.push(v.id);
  showModal(state, v);
}

/** Closes the top view, or the whole stack (`clear`). */
export function closeModal(state: EmulatorState, teamId: string, userId: string, all: boolean): void {
  const stack = stackOf(state, teamId, userId);
  const closing = all ? stack.splice(0) : stack.splice(-1);
  for (const id of closing) {
    const v = state.data.views[id];
    if (v) supersede(state, v);
  }
}

export function isOpen(state: EmulatorState, v: StoredView): boolean {
  if (v.type === "home") return state.data.homes[userKey(v.team_id, v.userId)] === v.id;
  return stackOf(state, v.team_id, v.userId).includes(v.id);
}
