/** What every Web API method shares: errors, arguments, the call context, scope and channel checks. */
import type { Conversation, EmulatorState, Install, Token } from "../state";

/** A Slack API error: answered as HTTP 200 `{ ok: false, error, ...extra }`. */
export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** Arguments from a form or JSON body; form values are strings, JSON ones may be anything. */
export class Args {
  constructor(readonly raw: Record<string, unknown>) {}

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  }

  /** A required argument; Slack names the usual missing ones with their own error. */
  need(name: string, error = "invalid_arguments"): string {
    const v = this.str(name);
    if (v === undefined || v === "") throw new SlackError(error);
    return v;
  }

  bool(name: string): boolean {
    const v = this.raw[name];
    return v === true || v === "true" || v === "1" || v === 1;
  }

  int(name: string, fallback: number): number {
    const v = this.str(name);
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new SlackError("invalid_arguments");
    return n;
  }

  /** A JSON argument: objects pass through, strings are parsed; bad JSON answers `error`. */
  json(name: string, error: string): unknown {
    const v = this.raw[name];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      throw new SlackError(error);
    }
  }

  /** A comma-separated list (or a JSON array). */
  list(name: string): string[] {
    const v = this.raw[name];
    if (Array.isArray(v)) return v.map(String);
    return (this.str(name) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

export interface ApiContext {
  state: EmulatorState;
  method: string;
  args: Args;
  request: Request;
  token?: Token;
  install?: Install;
  /** The workspace the call acts in (for org-wide tokens: from team_id or the channel). */
  teamId?: string;
  /** Who acts: the bot user for a bot token, the person for a user token. */
  actorId?: string;
  /** HTTP Basic credentials (client id and secret), for the OAuth methods. */
  basic?: { id: string; secret: string };
}

/** Rate-limit tiers (per minute, per method, per workspace); "post" is chat.postMessage's 1/s per channel. */
export type Tier = 1 | 2 | 3 | 4 | "special" | "post";

export interface MethodSpec {
  tier: Tier;
  /** "client": app credentials (oauth.v2.access, openid.connect.token) instead of a token. */
  auth?: "token" | "client";
  /** The call needs one of these scopes. */
  scopes?: string[];
  /** For "client" methods: the workspace the call concerns (for faults, clocks, stats). */
  teamOf?: (ctx: ApiContext) => string | undefined;
  run(ctx: ApiContext): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Throws missing_scope unless the token holds one of `anyOf`. */
export function requireScope(ctx: ApiContext, ...anyOf: string[]): void {
  const scopes = ctx.token?.scopes ?? [];
  if (anyOf.length === 0 || anyOf.some((s) => scopes.includes(s))) return;
  throw new SlackError("missing_scope", { needed: anyOf.join(","), provided: scopes.join(",") });
}

/** The workspace the call acts in; an org-wide token must say which (`team_id`). */
export function needTeam(ctx: ApiContext): string {
  if (!ctx.teamId) throw new SlackError("missing_argument");
  return ctx.teamId;
}

/** The scope a channel-type-dependent method needs for this conversation. */
export function scopeFor(c: Conversation, scopes: { public: string; private: string; im: string }): string {
  return c.isIm ? scopes.im : c.isPrivate ? scopes.private : scopes.public;
}

/**
 * A conversation the caller may act on. Slack hides private channels and IMs from non-members
 * (`channel_not_found`) and refuses public ones it isn't in with `not_in_channel`.
 */
export function channelFor(
  ctx: ApiContext,
  ref: string | undefined,
  o: { member?: boolean; archivedOk?: boolean; byName?: boolean } = {},
): Conversation {
  if (!ref) throw new SlackError("channel_not_found");
  const { state } = ctx;
  const team = needTeamOrChannel(ctx, ref);
  const c = o.byName ? state.findConversation(team, ref) : state.conversation(ref);
  if (!c || c.teamId !== team) throw new SlackError("channel_not_found");
  const member = !!ctx.actorId && c.members.includes(ctx.actorId);
  if ((c.isPrivate || c.isIm) && !member) throw new SlackError("channel_not_found");
  if (o.member && !member) throw new SlackError("not_in_channel");
  if (c.isArchived && !o.archivedOk) throw new SlackError("is_archived");
  return c;
}

/** Org-wide tokens name no team: a channel id says which workspace is meant. */
function needTeamOrChannel(ctx: ApiContext, ref: string): string {
  if (ctx.teamId) return ctx.teamId;
  const c = ctx.state.conversation(ref);
  const team = ctx.state.team(c?.teamId);
  if (c && team && ctx.install?.enterpriseId && team.enterpriseId === ctx.install.enterpriseId) {
    ctx.teamId = c.teamId;
    return c.teamId;
  }
  throw new SlackError("channel_not_found");
}

/** The installation's bot user: every bot-token method acts as it. */
export function botUser(ctx: ApiContext): string {
  if (!ctx.install) throw new SlackError("not_allowed_token_type");
  return ctx.install.botUserId;
}
