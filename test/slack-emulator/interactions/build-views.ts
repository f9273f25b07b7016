/** view_submission and view_closed: what Slack sends when a person submits or closes a modal. */
import type { EmulatorState } from "../state";
import { closeModal, stackOf, viewJson } from "../views";
import { BadInteraction } from "./errors";
import { actor, appPart, type Built, form, mintTrigger, register, teamPart, userPart } from "./parts";
import { type Typed, viewStateValues } from "./view-state";

type Obj = Record<string, unknown>;

export function buildViewSubmission(
  state: EmulatorState,
  a: { team: string; user: string; viewId: string; values: Record<string, Typed> },
): Built {
  const { team, user } = actor(state, a.team, a.user);
  const stack = stackOf(state, team.id, user.id);
  const v = state.data.views[a.viewId];
  if (!v || stack.at(-1) !== v.id)
    throw new BadInteraction(`view ${a.viewId} is not the modal on top for ${user.name}`);
  if (!v.submit) throw new BadInteraction(`view ${a.viewId} has no submit button`);
  const { values, errors } = viewStateValues(v.blocks, a.values);
  if (Object.keys(errors).length) return { contentType: "", body: "", clientErrors: errors };
  const payload: Obj = {
    type: "view_submission",
    team: teamPart(state, team),
    user: userPart(user, team.id),
    ...appPart(state, team),
    trigger_id: mintTrigger(state, team.id, user.id),
    view: { ...viewJson(v), state: { values } },
    response_urls: [],
  };
  return form(payload, register(state, { kind: "view_submission", teamId: team.id, userId: user.id, viewId: v.id }));
}

/** Closing a modal: Slack tells the app only when the view asked (notify_on_close). */
export function buildViewClosed(
  state: EmulatorState,
  a: { team: string; user: string; viewId: string },
): Built | undefined {
  const { team, user } = actor(state, a.team, a.user);
  const v = state.data.views[a.viewId];
  if (!v || stackOf(state, team.id, user.id).at(-1) !== v.id)
    throw new BadInteraction(`view ${a.viewId} is not on top`);
  const payload: Obj = {
    type: "view_closed",
    team: teamPart(state, team),
    user: userPart(user, team.id),
    ...appPart(state, team),
    view: viewJson(v),
    is_cleared: v.clear_on_close,
  };
  // The modal closes in the person's client whatever the app answers.
  closeModal(state, team.id, user.id, v.clear_on_close);
  if (!v.notify_on_close) return { contentType: "", body: "" };
  return form(payload, register(state, { kind: "view_closed", teamId: team.id, userId: user.id, viewId: v.id }));
}
