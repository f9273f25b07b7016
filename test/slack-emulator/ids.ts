/**
 * Slack-shaped identifiers. Every id is random: one emulator serves many test files at
 * once, and two seeds must never collide.
 */

const ID_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

function randomString(length: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** An id like Slack's: a type letter and ten upper-case letters or digits (T…, U…, C…, D…, V…). */
export function slackId(prefix: string): string {
  return prefix + randomString(10, ID_CHARS);
}

/** Lower-case hex, for secrets inside tokens, codes and URLs. */
export function hex(length: number): string {
  return randomString(length, "0123456789abcdef");
}

export function digits(length: number): string {
  return (
    String(1 + ((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 9)) + randomString(length - 1, "0123456789")
  );
}

/** Slack's "12345.98765.abcd2358fdea" shape, used by trigger_ids and OAuth codes. */
export function dottedToken(): string {
  return `${digits(11)}.${digits(11)}.${hex(32)}`;
}

/** A message ts strictly after `last` (Slack's ts is unique per channel), from an epoch-ms clock. */
export function nextTs(nowMs: number, last: string | undefined): string {
  let micros = BigInt(Math.floor(nowMs)) * 1000n;
  if (last) {
    const [sec = "0", frac = "0"] = last.split(".");
    const lastMicros = BigInt(sec) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
    if (micros <= lastMicros) micros = lastMicros + 1n;
  }
  return `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, "0")}`;
}

/** Seconds since the epoch, as Slack's `created`/`event_time` fields carry it. */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
