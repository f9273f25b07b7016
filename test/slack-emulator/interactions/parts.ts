/** Pieces every interactive payload shares: who acts, where, and the one-time trigger_id. */
import { dottedToken, hex } from "../ids";
import type { Conversation, EmulatorState, Interaction, Team, User } from "../state";
import { BadInteraction } from "./errors";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The workspace and the person acting; deactivated people and bots cannot click anything. */
export function actor(state: EmulatorState, teamRef: string, userRef: string): { team: Team; user: User } {
  const team = state.team(teamRef);
  if (!team) throw new BadInteraction(`no workspace ${teamRef} in the emulator`);
  const user = state.findUser(team.id, userRef);
  if (!user) throw new BadInteraction(`no user ${userRef} in ${team.name}`);
  if (user.deleted) throw new BadInteraction(`${user.name} is deactivated: Slack would not let them in`);
  if (user.bot) throw new BadInteraction(`${user.name} is a bot`);
  return { team, user };
}

/** A channel the person is in (they can only type, click or read where they are a member). */
export function channelOf(state: EmulatorState, team: Team, user: User, ref: string): Conversation {
  const c = state.findConversation(team.id, ref);
  if (!c) throw new BadInteraction(`no channel ${ref} in ${team.name}`);
  if (!c.members.includes(user.id)) throw new BadInteraction(`${user.name} is not in #${c.name}`);
  return c;
}

export function mintTrigger(state: EmulatorState, teamId: string, userId: string): string {
  const id = dottedToken();
  state.data.triggers[id] = { id, teamId, userId, created: state.now(teamId), used: false };
  return id;
}

export function teamPart(state: EmulatorState, team: Team) {
  const org = team.enterpriseId ? state.data.enterprises[team.enterpriseId] : undefined;
  return {
    id: team.id,
    domain: team.domain,
    ...(org ? { enterprise_id: org.id, enterprise_name: org.name } : {}),
  };
}

export function userPart(user: User, teamId: string) {
  return { id: user.id, username: user.name, name: user.name, team_id: teamId };
}

/** api_app_id, token, enterprise, is_enterprise_install. */
export function appPart(state: EmulatorState, team: Team) {
  const org = team.enterpriseId ? state.data.enterprises[team.enterpriseId] : undefined;
  return {
    api_app_id: state.app.appId,
    token: state.app.verificationToken,
    enterprise: org ? { id: org.id, name: org.name } : null,
    is_enterprise_install: state.installFor(team.id)?.isEnterpriseInstall ?? false,
  };
}

export function channelPart(c: Conversation) {
  return { id: c.id, name: c.isIm ? "directmessage" : c.name };
}

/** The interactive element with this action_id (and value / block_id, when several match). */
export function findElement(
  blocks: unknown[] | undefined,
  a: { actionId: string; value?: string; blockId?: string },
  types: string[],
): { block: Obj; element: Obj } {
  const found: { block: Obj; element: Obj }[] = [];
  for (const block of blocks ?? []) {
    if (!isObj(block)) continue;
    const elements = [
      ...(Array.isArray(block.elements) && block.type === "actions" ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of elements) {
      if (!isObj(element) || element.action_id !== a.actionId || !types.includes(String(element.type))) continue;
      if (a.blockId && block.block_id !== a.blockId) continue;
      if (a.value !== undefined && element.type === "button" && element.value !== a.value) continue;
      found.push({ block, element });
    }
  }
  const first = found[0];
  if (!first) {
    const ids = (blocks ?? []).flatMap((b) =>
      isObj(b) ? [...(Array.isArray(b.elements) ? b.elements : []), b.accessory, b.element] : [],
    );
    const names = ids.filter(isObj).map((e) => `${e.type}:${e.action_id}`);
    throw new BadInteraction(`no ${types.join("/")} "${a.actionId}" there (found: ${names.join(", ") || "nothing"})`);
  }
  return first;
}

/** A request for the driver to sign and send. */
export interface Built {
  id?: string;
  contentType: string;
  body: string;
  payload?: unknown;
  /** Client-side errors: Slack's UI showed these and sent nothing. */
  clientErrors?: Record<string, string>;
}

/** Remembers a request the driver is about to send, until it reports the reply. */
export function register(state: EmulatorState, i: Omit<Interaction, "id">): string {
  const id = `int-${hex(12)}`;
  state.runtime.interactions.set(id, { id, ...i });
  return id;
}

/** Slack's interactive encoding: form-encoded `payload=<json>`. */
export const form = (payload: Obj, id: string): Built => ({
  id,
  contentType: "application/x-www-form-urlencoded",
  body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  payload,
});
