/**
 * The records the emulator keeps: plain JSON (StateData, persisted in dev) and the runtime
 * extras that only matter while the process lives. state.ts holds them and their helpers.
 */
import type { ApiCall, Bookmark, EmulatedInstall, EventEnvelope, FaultSpec, Message, SeenItem, View } from "./types";

/** The one app this emulator hosts: Firebreak, with the credentials of .dev.vars.example. */
export interface AppConfig {
  appId: string;
  name: string;
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  /** The deprecated verification token Slack still puts in payloads. */
  verificationToken: string;
  botName: string;
  /** Event types the app subscribes to (its manifest's bot_events). */
  botEvents: readonly string[];
}

export interface Team {
  id: string;
  name: string;
  domain: string;
  enterpriseId?: string;
  tokenRotation: boolean;
  created: number;
}
export interface Enterprise {
  id: string;
  name: string;
  domain: string;
  teamIds: string[];
}
export interface User {
  id: string;
  teamIds: string[];
  key: string;
  name: string;
  realName: string;
  admin: boolean;
  owner: boolean;
  /** An admin of the whole Enterprise Grid org (users.info's enterprise_user.is_admin). */
  orgAdmin: boolean;
  deleted: boolean;
  bot: boolean;
  botId?: string;
  appId?: string;
  tz: string;
  email: string;
}
export interface Conversation {
  id: string;
  teamId: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  imUser?: string;
  isArchived: boolean;
  isGeneral: boolean;
  creator: string;
  created: number;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  members: string[];
  messages: Message[];
  pins: string[];
  bookmarks: Bookmark[];
}
export interface Token {
  token: string;
  kind: "bot" | "user";
  /** teamId for a workspace install, enterpriseId for an org-wide one. */
  installKey: string;
  userId: string;
  scopes: string[];
  expiresAt?: number;
  revoked: boolean;
  /** Issued by Sign in with Slack: good for openid.* only. */
  oidc?: boolean;
  teamId?: string;
}
export interface RefreshToken {
  token: string;
  kind: "bot" | "user";
  installKey: string;
  userId: string;
  used: boolean;
}
export type Install = EmulatedInstall & { key: string };
export interface AuthCode {
  code: string;
  flow: "oauth" | "oidc";
  redirectUri: string;
  teamId: string;
  /** Org-wide install: the enterprise, and no team. */
  enterpriseId?: string;
  orgWide: boolean;
  userId: string;
  scopes: string[];
  userScopes: string[];
  webhookChannelId?: string;
  nonce?: string;
  created: number;
  used: boolean;
}
export interface Trigger {
  id: string;
  teamId: string;
  userId: string;
  created: number;
  used: boolean;
}
/** A response_url. `target` is what replace_original/delete_original act on. */
export interface ResponseHook {
  id: string;
  teamId: string;
  userId: string;
  channelId: string;
  created: number;
  uses: number;
  target?: { kind: "message"; channel: string; ts: string } | { kind: "seen"; seenId: string };
}
export interface Webhook {
  id: string;
  installKey: string;
  teamId: string;
  channelId: string;
}
export type StoredView = View & { userId: string };

export interface StateData {
  enterprises: Record<string, Enterprise>;
  teams: Record<string, Team>;
  users: Record<string, User>;
  conversations: Record<string, Conversation>;
  tokens: Record<string, Token>;
  refreshTokens: Record<string, RefreshToken>;
  installs: Record<string, Install>;
  codes: Record<string, AuthCode>;
  triggers: Record<string, Trigger>;
  hooks: Record<string, ResponseHook>;
  webhooks: Record<string, Webhook>;
  views: Record<string, StoredView>;
  /** Open modal stacks and App Home views, by `${teamId}:${userId}`. */
  stacks: Record<string, string[]>;
  homes: Record<string, string>;
  seen: Record<string, SeenItem[]>;
  outbox: { teamId: string; envelope: EventEnvelope }[];
}

export interface Runtime {
  calls: ApiCall[];
  clock: { global: number; teams: Record<string, number> };
  faults: Record<string, { spec: FaultSpec; rng: number; scriptedUsed: number[] }>;
  rateLimits: Record<string, { enabled: boolean; scale: number }>;
  buckets: Map<string, { tokens: number; at: number }>;
  retryAfter: Map<string, number>;
  /** Requests the driver is sending on Slack's behalf, until it reports their replies. */
  interactions: Map<string, Interaction>;
}

export interface Interaction {
  id: string;
  kind: "command" | "block_actions" | "view_submission" | "view_closed" | "message_action";
  teamId: string;
  userId: string;
  channelId?: string;
  viewId?: string;
  hookId?: string;
}
