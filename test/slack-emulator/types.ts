/**
 * Types shared by the emulator (Node), its control client and its driver (workerd and Node).
 * Field names follow Slack's own JSON where the value is Slack's; camelCase where it is ours.
 */

/** A person (or bot) to seed. `key` names them in the result; ids are always fresh. */
export interface UserSpec {
  key: string;
  name?: string;
  realName?: string;
  admin?: boolean;
  owner?: boolean;
  /** In an Enterprise Grid org: an admin of the whole org, not only of its workspaces. */
  orgAdmin?: boolean;
  deleted?: boolean;
  bot?: boolean;
  /** IANA zone; default America/Los_Angeles. */
  tz?: string;
  email?: string;
}

/** A channel to seed; `members` are user keys. */
export interface ChannelSpec {
  key: string;
  name: string;
  private?: boolean;
  members?: readonly string[];
  archived?: boolean;
}

export interface WorkspaceSpec {
  name: string;
  domain?: string;
  users?: readonly UserSpec[];
  channels?: readonly ChannelSpec[];
  /** Installs into this workspace get rotating tokens (refresh_token, expires_in). */
  tokenRotation?: boolean;
}

export type DefaultUserKey = "alice" | "bob" | "carol" | "dave";
export type DefaultChannelKey = "general" | "random" | "ops";
/** The user keys a spec seeds: its own, or the defaults when it names none. */
export type UserKeys<S> = S extends { users: readonly { key: infer K extends string }[] } ? K : DefaultUserKey;
export type ChannelKeys<S> = S extends { channels: readonly { key: infer K extends string }[] } ? K : DefaultChannelKey;

export interface SeededUser {
  id: string;
  key: string;
  name: string;
  realName: string;
  admin: boolean;
  owner: boolean;
  deleted: boolean;
  bot: boolean;
  tz: string;
  email: string;
}

export interface SeededChannel {
  id: string;
  name: string;
  isPrivate: boolean;
}

export interface SeededWorkspace<U extends string = string, C extends string = string> {
  team: { id: string; name: string; domain: string; enterpriseId?: string };
  users: Record<U, SeededUser>;
  channels: Record<C, SeededChannel>;
}

/** Seeded, repeatable failures for one workspace. Shares are 0..1 per call. */
export interface FaultSpec {
  seed: number;
  error500?: number;
  /** HTTP 429 with Retry-After 1–5 s. */
  error429?: number;
  /** Replies slower than Slack's 3 s budget (slowMs, default 3500). */
  slow?: number;
  slowMs?: number;
  /** Perform the call, then answer HTTP 500: Slack did it, the client can't know. */
  ambiguous?: number;
  /** Methods random faults apply to; default every Web API method but oauth.* and openid.*. */
  methods?: string[];
  /** Answer {ok:false,error} to the next `times` (default 1) calls of `method` whose args include `match`. */
  scripted?: { method: string; error: string; times?: number; match?: Record<string, string> }[];
}

/** One Web API call as the emulator saw it. */
export interface ApiCall {
  method: string;
  teamId?: string;
  tokenKind: "bot" | "user" | "none";
  /** Parsed arguments, with tokens, secrets and codes redacted. */
  args: Record<string, unknown>;
  at: number;
  status: number;
  ok: boolean;
  error?: string;
  /** The fault injected into this call, if any: "500", "429", "slow", "ambiguous", "scripted". */
  fault?: string;
  /** Made while a Retry-After for this workspace and method was still running. */
  beforeRetryAfter?: boolean;
}

export interface Channel {
  id: string;
  teamId: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_im: boolean;
  /** The other person, for an IM. */
  user?: string;
  creator: string;
  created: number;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  members: string[];
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface Message {
  ts: string;
  type: "message";
  subtype?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  inviter?: string;
  /** On channel_topic / channel_purpose messages. */
  topic?: string;
  purpose?: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
  metadata?: { event_type: string; event_payload: unknown };
  reactions?: Reaction[];
  team: string;
}

export interface Bookmark {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  emoji?: string;
  type: string;
  date_created: number;
  date_updated: number;
  rank: string;
  last_updated_by_user_id: string;
  app_id?: string;
}

export type SeenKind = "reply" | "response_url" | "ephemeral" | "dm" | "modal";

/** Something one person saw, in the order they saw it. */
export interface SeenItem {
  id: string;
  kind: SeenKind;
  text?: string;
  blocks?: unknown[];
  channel?: string;
  /** Message ts (DMs, ephemerals, in_channel replies). */
  ts?: string;
  viewId?: string;
  responseType?: "ephemeral" | "in_channel";
  at: number;
  /** A later item (chat.update, replace_original, views.update) superseded this one. */
  replaced: boolean;
  deleted: boolean;
  /** What Slack showed instead of a reply: "operation_timeout", "dispatch_failed"… */
  error?: string;
}

export interface View {
  id: string;
  team_id: string;
  type: "modal" | "home";
  title?: { type: "plain_text"; text: string; emoji?: boolean };
  submit?: { type: "plain_text"; text: string; emoji?: boolean };
  close?: { type: "plain_text"; text: string; emoji?: boolean };
  blocks: Record<string, unknown>[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  hash: string;
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  app_installed_team_id: string;
  notify_on_close: boolean;
  clear_on_close: boolean;
  /** Field errors from the last `response_action: "errors"`, by block_id. */
  errors?: Record<string, string>;
}

/** What the emulator issued to the app for a workspace (or an org-wide install). */
export interface EmulatedInstall {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  appId: string;
  botUserId: string;
  botId: string;
  botToken?: string;
  botScopes: string[];
  botRefreshToken?: string;
  /** Epoch ms, with token rotation. */
  botTokenExpiresAt?: number;
  installerUserId: string;
  userToken?: string;
  userScopes: string[];
  userRefreshToken?: string;
  userTokenExpiresAt?: number;
  incomingWebhook?: { channel: string; channelId: string; url: string; configurationUrl: string };
  installedAt: number;
  uninstalled: boolean;
}

export interface EventEnvelope {
  token: string;
  team_id: string;
  enterprise_id?: string;
  context_team_id: string;
  context_enterprise_id: string | null;
  api_app_id: string;
  event: { type: string; [key: string]: unknown };
  type: "event_callback";
  event_id: string;
  event_time: number;
  authorizations: {
    enterprise_id: string | null;
    team_id: string | null;
    user_id: string;
    is_bot: boolean;
    is_enterprise_install: boolean;
  }[];
  is_ext_shared_channel: boolean;
  event_context: string;
}

export interface EmulatorStats {
  calls: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  /** Calls made to a method while a Retry-After for it was still running (answered 429 again). */
  callsBeforeRetryAfter: number;
  faultsInjected: Record<string, number>;
}

/** A synchronous answer to a request the driver sent, as Slack's client would see it. */
export interface Reply {
  status: number;
  /** Parsed JSON, or the text, or null for an empty body. */
  body: unknown;
  ms: number;
  timedOut: boolean;
  headers?: Record<string, string>;
}
