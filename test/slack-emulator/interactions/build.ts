/**
 * The requests Slack sends the app when a person acts: slash commands (form fields),
 * block_actions and message shortcuts (form `payload=<json>`); modals are in build-views.ts.
 * Each gets a fresh trigger_id and, where Slack gives one, a live response_url.
 */
import { messageJson } from "../api/shapes";
import { mintHook } from "../hooks";
import { nextTs } from "../ids";
import type { EmulatorState } from "../state";
import { userKey } from "../state";
import { stackOf, viewJson } from "../views";
import { BadInteraction } from "./errors";
import {
  actor,
  appPart,
  type Built,
  channelOf,
  channelPart,
  findElement,
  form,
  mintTrigger,
  register,
  teamPart,
  userPart,
} from "./parts";
import { asSlackSendsIt } from "./typed-text";
import { type Typed, viewStateValues } from "./view-state";

type Obj = Record<string, unknown>;
export type Container = { message: { channel: string; ts: string } } | { ephemeral: { id: string } } | { view: string };

export function buildCommand(
  state: EmulatorState,
  a: { team: string; user: string; channel: string; text?: string; command?: string },
): Built {
  const { team, user } = actor(state, a.team, a.user);
  const c = channelOf(state, team, user, a.channel);
  const { hook, url } = mintHook(state, "commands", { teamId: team.id, userId: user.id, channelId: c.id });
  const org = teamPart(state, team);
  const fields: Record<string, string> = {
    token: state.app.verificationToken,
    team_id: team.id,
    team_domain: team.domain,
    ...(org.enterprise_id ? { enterprise_id: org.enterprise_id, enterprise_name: org.enterprise_name ?? "" } : {}),
    channel_id: c.id,
    channel_name: channelPart(c).name,
    user_id: user.id,
    user_name: user.name,
    command: a.command ?? "/incident",
    text: asSlackSendsIt(state, team.id, a.text ?? ""),
    api_app_id: state.app.appId,
    is_enterprise_install: String(appPart(state, team).is_enterprise_install),
    response_url: url,
    trigger_id: mintTrigger(state, team.id, user.id),
  };
  const id = register(state, { kind: "command", teamId: team.id, userId: user.id, channelId: c.id, hookId: hook.id });
  return {
    id,
    contentType: "application/x-www-form-urlencoded",
    body: new URLSearchParams(fields).toString(),
    payload: fields,
  };
}

/** Where a person clicks: a channel message, an ephemeral they saw, or an open view. */
function locate(state: EmulatorState, teamId: string, userId: string, where: Container) {
  if ("message" in where) {
    const { team, user } = actor(state, teamId, userId);
    const c = channelOf(state, team, user, where.message.channel);
    const m = c.messages.find((x) => x.ts === where.message.ts);
    if (!m) throw new BadInteraction(`no message ${where.message.ts} in #${c.name}`);
    return { blocks: m.blocks, channel: c, message: m };
  }
  if ("ephemeral" in where) {
    const seen = (state.data.seen[userKey(teamId, userId)] ?? []).find((s) => s.id === where.ephemeral.id);
    if (!seen) throw new BadInteraction(`user ${userId} never saw ${where.ephemeral.id}`);
    if (seen.replaced || seen.deleted) throw new BadInteraction("that message was replaced or deleted since");
    // A DM or an in_channel answer is a real message in a channel: click it as one.
    if (seen.kind === "dm" || seen.responseType === "in_channel") {
      return locate(state, teamId, userId, { message: { channel: seen.channel ?? "", ts: seen.ts ?? "" } });
    }
    return { blocks: seen.blocks, channel: state.conversation(seen.channel), seen };
  }
  const v = state.data.views[where.view];
  const open =
    v && (stackOf(state, teamId, userId).includes(v.id) || state.data.homes[userKey(teamId, userId)] === v.id);
  if (!v || !open || v.userId !== userId) throw new BadInteraction(`view ${where.view} is not open for ${userId}`);
  return { blocks: v.blocks as unknown[], view: v };
}

/** The action object for a click or a pick. */
function actionFor(element: Obj, block: Obj, selected: Typed | undefined, actionTs: string): Obj {
  const base = { type: element.type, action_id: element.action_id, block_id: block.block_id, action_ts: actionTs };
  const stateValue =
    selected === undefined
      ? {}
      : viewStateValues([{ type: "input", block_id: "b", element }], { [String(element.action_id)]: selected }).values
          .b;
  const value = stateValue?.[String(element.action_id)] ?? {};
  if (element.type === "button") {
    return {
      ...base,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style ? { style: element.style } : {}),
    };
  }
  return { ...base, ...value, type: element.type };
}

export function buildBlockActions(
  state: EmulatorState,
  a: {
    team: string;
    user: string;
    actionId: string;
    value?: string;
    blockId?: string;
    selected?: Typed;
    in: Container;
    types: string[];
  },
): Built {
  const { team, user } = actor(state, a.team, a.user);
  const where = locate(state, team.id, user.id, a.in);
  const { block, element } = findElement(where.blocks, a, a.types);
  const ts = nextTs(state.now(team.id), undefined);
  const trigger = mintTrigger(state, team.id, user.id);
  const payload: Obj = {
    type: "block_actions",
    user: userPart(user, team.id),
    ...appPart(state, team),
    trigger_id: trigger,
    team: teamPart(state, team),
    state: { values: {} },
    actions: [actionFor(element, block, a.selected, ts)],
  };
  let hookId: string | undefined;
  if (where.view) {
    payload.container = { type: "view", view_id: where.view.id };
    payload.view = viewJson(where.view);
  } else if (where.channel) {
    const target = where.message
      ? { kind: "message" as const, channel: where.channel.id, ts: where.message.ts }
      : { kind: "seen" as const, seenId: where.seen?.id ?? "" };
    const { hook, url } = mintHook(state, "actions", {
      teamId: team.id,
      userId: user.id,
      channelId: where.channel.id,
      target,
    });
    hookId = hook.id;
    const messageTs = where.message?.ts ?? where.seen?.ts ?? "";
    payload.container = {
      type: "message",
      message_ts: messageTs,
      channel_id: where.channel.id,
      is_ephemeral: !where.message,
    };
    payload.channel = channelPart(where.channel);
    // Slack keeps no copy of ephemeral messages, so their payloads carry no `message`.
    if (where.message) payload.message = messageJson(where.message);
    payload.response_url = url;
  }
  const id = register(state, {
    kind: "block_actions",
    teamId: team.id,
    userId: user.id,
    channelId: where.channel?.id,
    viewId: where.view?.id,
    hookId,
  });
  return form(payload, id);
}

export function buildMessageAction(
  state: EmulatorState,
  a: { team: string; user: string; callbackId: string; channel: string; messageTs: string },
): Built {
  const { team, user } = actor(state, a.team, a.user);
  const c = channelOf(state, team, user, a.channel);
  const m = c.messages.find((x) => x.ts === a.messageTs);
  if (!m) throw new BadInteraction(`no message ${a.messageTs} in #${c.name}`);
  const { hook, url } = mintHook(state, "actions", { teamId: team.id, userId: user.id, channelId: c.id });
  const payload: Obj = {
    type: "message_action",
    ...appPart(state, team),
    action_ts: nextTs(state.now(team.id), undefined),
    team: teamPart(state, team),
    user: userPart(user, team.id),
    channel: channelPart(c),
    callback_id: a.callbackId,
    trigger_id: mintTrigger(state, team.id, user.id),
    response_url: url,
    message_ts: m.ts,
    message: messageJson(m),
  };
  return form(
    payload,
    register(state, { kind: "message_action", teamId: team.id, userId: user.id, channelId: c.id, hookId: hook.id }),
  );
}
