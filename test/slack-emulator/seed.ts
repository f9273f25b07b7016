/** Builds workspaces (and Enterprise Grid orgs) from a small spec, with fresh ids every time. */
import { hex, slackId } from "./ids";
import type { EmulatorState, User } from "./state";
import type { ChannelSpec, SeededUser, SeededWorkspace, UserSpec, WorkspaceSpec } from "./types";

export const DEFAULT_USERS: UserSpec[] = [
  { key: "alice", realName: "Alice Archer", admin: true },
  { key: "bob", realName: "Bob Baker" },
  { key: "carol", realName: "Carol Chen", owner: true, tz: "Europe/London" },
  { key: "dave", realName: "Dave Dunn", deleted: true },
];

export const DEFAULT_CHANNELS: ChannelSpec[] = [
  { key: "general", name: "general" },
  { key: "random", name: "random" },
  { key: "ops", name: "ops", private: true, members: ["alice", "bob"] },
];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "team";

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function seedWorkspace(
  state: EmulatorState,
  spec: WorkspaceSpec,
  org?: { id: string; users: Map<string, User> },
): SeededWorkspace {
  const teamId = slackId("T");
  const domain = spec.domain ?? `${slug(spec.name)}-${hex(5)}`;
  state.data.teams[teamId] = {
    id: teamId,
    name: spec.name,
    domain,
    enterpriseId: org?.id,
    tokenRotation: spec.tokenRotation ?? false,
    created: Math.floor(state.now() / 1000),
  };
  const users: Record<string, SeededUser> = {};
  for (const u of spec.users ?? DEFAULT_USERS) {
    // In an org, the same person has one id (W…) in every workspace they belong to.
    const shared = org?.users.get(u.key);
    const user: User = shared ?? {
      id: slackId(org ? "W" : "U"),
      teamIds: [],
      key: u.key,
      name: u.name ?? u.key,
      realName: u.realName ?? capitalize(u.name ?? u.key),
      admin: u.admin ?? false,
      owner: u.owner ?? false,
      orgAdmin: u.orgAdmin ?? false,
      deleted: u.deleted ?? false,
      bot: u.bot ?? false,
      tz: u.tz ?? "America/Los_Angeles",
      email: u.email ?? `${u.name ?? u.key}@${domain}.example.com`,
    };
    if (u.bot && !user.botId) user.botId = slackId("B");
    user.teamIds.push(teamId);
    state.data.users[user.id] = user;
    org?.users.set(u.key, user);
    users[u.key] = seededUser(user);
  }
  const active = Object.values(users).filter((u) => !u.deleted && !u.bot);
  const creator = active.find((u) => u.owner) ?? active[0];
  const channels: SeededWorkspace["channels"] = {};
  for (const ch of spec.channels ?? DEFAULT_CHANNELS) {
    const conversation = state.createConversation(teamId, {
      name: ch.name,
      isPrivate: ch.private,
      creator: creator?.id ?? "",
      isGeneral: ch.name === "general",
    });
    const memberKeys = ch.members ?? active.map((u) => u.key);
    for (const key of memberKeys) {
      const member = users[key];
      if (!member) throw new Error(`channel ${ch.name}: no user with key "${key}"`);
      if (!member.deleted) conversation.members.push(member.id);
    }
    conversation.isArchived = ch.archived ?? false;
    channels[ch.key] = { id: conversation.id, name: conversation.name, isPrivate: conversation.isPrivate };
  }
  return { team: { id: teamId, name: spec.name, domain, enterpriseId: org?.id }, users, channels };
}

export function seedEnterprise(state: EmulatorState, spec: { name: string; workspaces: WorkspaceSpec[] }) {
  const id = slackId("E");
  const domain = `${slug(spec.name)}-${hex(5)}`;
  state.data.enterprises[id] = { id, name: spec.name, domain, teamIds: [] };
  const users = new Map<string, User>();
  const workspaces = spec.workspaces.map((ws) => seedWorkspace(state, ws, { id, users }));
  state.data.enterprises[id].teamIds = workspaces.map((w) => w.team.id);
  return { enterprise: { id, name: spec.name }, workspaces };
}

function seededUser(u: User): SeededUser {
  return {
    id: u.id,
    key: u.key,
    name: u.name,
    realName: u.realName,
    admin: u.admin,
    owner: u.owner,
    deleted: u.deleted,
    bot: u.bot,
    tz: u.tz,
    email: u.email,
  };
}
