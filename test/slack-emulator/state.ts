/**
 * Everything the emulated Slack knows. `data` is plain JSON (dev mode persists it so a restart
 * stays consistent with the local D1); `runtime` is what only matters while the process lives
 * (calls, clocks, faults, rate-limit buckets). Every record carries its team id, so one
 * workspace can be reset, faulted or rate-limited without touching the others.
 */
import { withIds } from "./blocks";
import { epochSeconds, hex, nextTs, slackId } from "./ids";
import type { AppConfig, Conversation, Install, Runtime, StateData, Team, User } from "./records";
import type { Message, SeenItem } from "./types";

export type {
  AppConfig,
  AuthCode,
  Conversation,
  Enterprise,
  Install,
  Interaction,
  RefreshToken,
  ResponseHook,
  Runtime,
  StateData,
  StoredView,
  Team,
  Token,
  Trigger,
  User,
  Webhook,
} from "./records";

export const emptyData = (): StateData => ({
  enterprises: {},
  teams: {},
  users: {},
  conversations: {},
  tokens: {},
  refreshTokens: {},
  installs: {},
  codes: {},
  triggers: {},
  hooks: {},
  webhooks: {},
  views: {},
  stacks: {},
  homes: {},
  seen: {},
  outbox: [],
});

export const userKey = (teamId: string, userId: string) => `${teamId}:${userId}`;

export class EmulatorState {
  data: StateData;
  readonly runtime: Runtime = {
    calls: [],
    clock: { global: 0, teams: {} },
    faults: {},
    rateLimits: {},
    buckets: new Map(),
    retryAfter: new Map(),
    interactions: new Map(),
  };

  constructor(
    readonly app: AppConfig,
    /** Where the emulator is reachable: response_urls, webhooks and permalinks point here. */
    public baseUrl: string,
    data?: StateData,
  ) {
    this.data = data ?? emptyData();
  }

  /** The emulated clock (epoch ms): real time plus the global and the workspace's offset. */
  now(teamId?: string): number {
    const offsets = this.runtime.clock;
    return Date.now() + offsets.global + (teamId ? (offsets.teams[teamId] ?? 0) : 0);
  }

  team(id: string | undefined): Team | undefined {
    return id ? this.data.teams[id] : undefined;
  }

  user(id: string | undefined): User | undefined {
    return id ? this.data.users[id] : undefined;
  }

  conversation(id: string | undefined): Conversation | undefined {
    return id ? this.data.conversations[id] : undefined;
  }

  usersOf(teamId: string): User[] {
    return Object.values(this.data.users).filter((u) => u.teamIds.includes(teamId));
  }

  conversationsOf(teamId: string): Conversation[] {
    return Object.values(this.data.conversations).filter((c) => c.teamId === teamId);
  }

  /** A user of the team by id, `@name` or name. */
  findUser(teamId: string, ref: string): User | undefined {
    const name = ref.replace(/^@/, "");
    const byId = this.user(ref);
    if (byId?.teamIds.includes(teamId)) return byId;
    return this.usersOf(teamId).find((u) => u.name === name || u.key === name);
  }

  /** A channel of the team by id, `#name` or name. */
  findConversation(teamId: string, ref: string): Conversation | undefined {
    const byId = this.conversation(ref);
    if (byId?.teamId === teamId) return byId;
    const name = ref.replace(/^#/, "");
    return this.conversationsOf(teamId).find((c) => !c.isIm && c.name === name);
  }

  /** The installation serving a team: its own, else its org's org-wide install. */
  installFor(teamId: string | undefined): Install | undefined {
    const team = this.team(teamId);
    if (!team) return undefined;
    const own = this.data.installs[team.id];
    if (own && !own.uninstalled) return own;
    const org = team.enterpriseId ? this.data.installs[team.enterpriseId] : undefined;
    return org && !org.uninstalled ? org : undefined;
  }

  /** The bot's IM with a person, opened on first use as Slack does. */
  imWith(teamId: string, botUserId: string, userId: string): Conversation {
    const existing = this.conversationsOf(teamId).find(
      (c) => c.isIm && c.imUser === userId && c.members.includes(botUserId),
    );
    if (existing) return existing;
    const im = this.createConversation(teamId, { name: userId, isIm: true, creator: botUserId });
    im.imUser = userId;
    im.members = [botUserId, userId];
    return im;
  }

  createConversation(
    teamId: string,
    o: { name: string; isPrivate?: boolean; isIm?: boolean; creator: string; isGeneral?: boolean },
  ): Conversation {
    const created = epochSeconds(this.now(teamId));
    const conversation: Conversation = {
      id: slackId(o.isIm ? "D" : "C"),
      teamId,
      name: o.name,
      isPrivate: o.isPrivate ?? false,
      isIm: o.isIm ?? false,
      isArchived: false,
      isGeneral: o.isGeneral ?? false,
      creator: o.creator,
      created,
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      members: [],
      messages: [],
      pins: [],
      bookmarks: [],
    };
    this.data.conversations[conversation.id] = conversation;
    return conversation;
  }

  /** Appends a message with a fresh ts; a bot message in a person's IM is something they saw. */
  addMessage(conversation: Conversation, message: Omit<Message, "ts" | "type" | "team">): Message {
    const last = conversation.messages.at(-1)?.ts;
    const stored: Message = {
      type: "message",
      ...message,
      ...(message.blocks ? { blocks: withIds(message.blocks) } : {}),
      ts: nextTs(this.now(conversation.teamId), last),
      team: conversation.teamId,
    };
    conversation.messages.push(stored);
    if (stored.thread_ts) {
      const parent = conversation.messages.find((m) => m.ts === stored.thread_ts);
      if (parent && parent !== stored) parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
    if (conversation.isIm && conversation.imUser && stored.bot_id) {
      this.see(conversation.teamId, conversation.imUser, {
        kind: "dm",
        text: stored.text,
        blocks: stored.blocks,
        channel: conversation.id,
        ts: stored.ts,
      });
    }
    return stored;
  }

  /** Records what a person saw; returns the item so it can be replaced later. */
  see(teamId: string, userId: string, item: Omit<SeenItem, "id" | "at" | "replaced" | "deleted">): SeenItem {
    const key = userKey(teamId, userId);
    this.data.seen[key] ??= [];
    const list = this.data.seen[key];
    const full: SeenItem = { id: `seen-${hex(12)}`, at: this.now(teamId), replaced: false, deleted: false, ...item };
    if (full.blocks && full.kind !== "modal") full.blocks = withIds(full.blocks);
    list.push(full);
    return full;
  }

  seenItem(id: string): SeenItem | undefined {
    for (const list of Object.values(this.data.seen)) {
      const found = list.find((s) => s.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Forgets a workspace: its people, channels, tokens, views, calls and settings. */
  reset(teamId: string): void {
    const d = this.data;
    const drop = <T>(rec: Record<string, T>, doomed: (v: T, k: string) => boolean) => {
      for (const [k, v] of Object.entries(rec)) if (doomed(v, k)) delete rec[k];
    };
    const mine = (k: string) => k.startsWith(`${teamId}:`);
    drop(d.conversations, (c) => c.teamId === teamId);
    drop(d.tokens, (t) => t.installKey === teamId || t.teamId === teamId);
    drop(d.refreshTokens, (t) => t.installKey === teamId);
    drop(d.installs, (i) => i.key === teamId);
    drop(d.codes, (c) => c.teamId === teamId);
    drop(d.triggers, (t) => t.teamId === teamId);
    drop(d.hooks, (h) => h.teamId === teamId);
    drop(d.webhooks, (w) => w.teamId === teamId);
    drop(d.views, (v) => v.team_id === teamId);
    drop(d.stacks, (_, k) => mine(k));
    drop(d.homes, (_, k) => mine(k));
    drop(d.seen, (_, k) => mine(k));
    for (const user of Object.values(d.users)) user.teamIds = user.teamIds.filter((t) => t !== teamId);
    drop(d.users, (u) => u.teamIds.length === 0);
    d.outbox = d.outbox.filter((o) => o.teamId !== teamId);
    for (const e of Object.values(d.enterprises)) e.teamIds = e.teamIds.filter((t) => t !== teamId);
    delete d.teams[teamId];
    const rt = this.runtime;
    rt.calls = rt.calls.filter((c) => c.teamId !== teamId);
    delete rt.clock.teams[teamId];
    delete rt.faults[teamId];
    delete rt.rateLimits[teamId];
    for (const map of [rt.buckets, rt.retryAfter]) for (const k of [...map.keys()]) if (mine(k)) map.delete(k);
  }
}
