/**
 * What a failed Slack call means for the caller: whether Slack certainly did not act
 * (rate limited, rejected) or may have (a 5xx or a dropped connection), and whether trying
 * again can help.
 */
import { SlackAPIConnectionError, SlackAPIError } from "slack-edge";

/** Thrown instead of calling Slack while a Retry-After is still running. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(
    readonly method: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${method} is rate limited for ${retryAfterSeconds}s`);
  }
}

export type SlackFailure =
  /** Not performed; try again after `retryAfterSeconds`. */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** Not performed, and repeating the same call will fail the same way. */
  | { kind: "rejected"; error: string; revoked: boolean }
  /** Maybe performed (5xx, timeout, connection lost): check before repeating a side effect. */
  | { kind: "ambiguous"; reason: string }
  /** Not a Slack failure at all. */
  | { kind: "other" };

/** Errors meaning the token is gone: the workspace must reinstall; retrying is pointless. */
export const REVOKED_ERRORS = new Set([
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "not_authed",
  "token_expired",
]);

/** ok:false answers that are Slack's own trouble, worth another try later. */
const TRANSIENT_ERRORS = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export function classifySlackFailure(err: unknown): SlackFailure {
  if (err instanceof RateLimitedError) return { kind: "rate_limited", retryAfterSeconds: err.retryAfterSeconds };
  if (err instanceof SlackAPIConnectionError) {
    if (err.status === 429) return { kind: "rate_limited", retryAfterSeconds: retryAfterOf(err.headers) };
    // -1 is a network failure; 5xx may have happened after Slack acted.
    return { kind: "ambiguous", reason: `HTTP ${err.status}` };
  }
  if (err instanceof SlackAPIError) {
    if (TRANSIENT_ERRORS.has(err.error)) return { kind: "ambiguous", reason: err.error };
    return { kind: "rejected", error: err.error, revoked: REVOKED_ERRORS.has(err.error) };
  }
  return { kind: "other" };
}

export function retryAfterOf(headers: Headers | undefined): number {
  const value = Number(headers?.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 30;
}
