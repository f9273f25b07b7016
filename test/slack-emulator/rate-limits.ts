/**
 * Slack's rate limits: a token bucket per workspace and method (Tier 1 1/min … Tier 4 100/min,
 * a full minute's worth as burst), chat.postMessage about 1/s per channel with a burst of 5.
 * After any 429 the method stays closed for that workspace until Retry-After runs out; calls in
 * that window are answered 429 again and counted (reliability.md: that count must be 0).
 */
import type { Tier } from "./api/kit";
import type { EmulatorState } from "./state";

const PER_MINUTE: Record<1 | 2 | 3 | 4, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };
/** auth.test and friends: "hundreds per minute". */
const SPECIAL_PER_MINUTE = 600;
const POST_PER_SECOND = 1;
const POST_BURST = 5;

function bucketShape(tier: Tier): { capacity: number; perMs: number } {
  if (tier === "post") return { capacity: POST_BURST, perMs: POST_PER_SECOND / 1000 };
  const perMinute = tier === "special" ? SPECIAL_PER_MINUTE : PER_MINUTE[tier];
  return { capacity: perMinute, perMs: perMinute / 60_000 };
}

const retryKey = (teamId: string, method: string) => `${teamId}:${method}`;

export function rateLimitSettings(state: EmulatorState, teamId: string) {
  return state.runtime.rateLimits[teamId] ?? { enabled: true, scale: 1 };
}

/** Seconds left on a running Retry-After for this workspace and method, or 0. */
export function retryAfterLeft(state: EmulatorState, teamId: string, method: string): number {
  const until = state.runtime.retryAfter.get(retryKey(teamId, method));
  const left = until === undefined ? 0 : until - state.now(teamId);
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Starts a Retry-After window (after a real or an injected 429). */
export function closeFor(state: EmulatorState, teamId: string, method: string, seconds: number): void {
  state.runtime.retryAfter.set(retryKey(teamId, method), state.now(teamId) + seconds * 1000);
}

/**
 * Takes one token from the call's bucket. Returns the Retry-After seconds when the bucket is
 * empty (and opens the window), or 0 when the call may go ahead.
 */
export function takeToken(state: EmulatorState, teamId: string, method: string, tier: Tier, channel?: string): number {
  const settings = rateLimitSettings(state, teamId);
  if (!settings.enabled) return 0;
  const shape = bucketShape(tier);
  const capacity = shape.capacity * settings.scale;
  const perMs = shape.perMs * settings.scale;
  const key = `${teamId}:${method}${tier === "post" ? `:${channel ?? ""}` : ""}`;
  const now = state.now(teamId);
  const bucket = state.runtime.buckets.get(key) ?? { tokens: capacity, at: now };
  // Clock offsets may move time backwards: never refill by a negative amount.
  bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  bucket.at = now;
  state.runtime.buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  closeFor(state, teamId, method, seconds);
  return seconds;
}
