/**
 * Slack request signing, checked strictly on the raw bytes before anything is parsed.
 * slack-edge's verifySlackRequest accepts future and non-numeric timestamps and any
 * 3-character prefix, so Firebreak checks for itself.
 */
import { hmacKey } from "../lib/hmac-key";

/** How far a request's timestamp may be from our clock, either way (Slack's rule). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function signedBase(timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`v0:${timestamp}:`);
  const base = new Uint8Array(prefix.length + body.length);
  base.set(prefix);
  base.set(body, prefix.length);
  return base;
}

/** True only for a well-formed, fresh `v0` signature over exactly these bytes. */
export async function verifySlackSignature(
  secret: string,
  headers: Headers,
  body: Uint8Array,
  nowMs: number = Date.now(),
): Promise<boolean> {
  const timestamp = headers.get("x-slack-request-timestamp");
  const signature = headers.get("x-slack-signature");
  if (!timestamp || !signature || !TIMESTAMP.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
  const match = SIGNATURE.exec(signature);
  if (!match?.[1]) return false;
  // subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", await hmacKey(secret), hexToBytes(match[1]), signedBase(timestamp, body));
}

/** The `X-Slack-Signature` value for a body: used by our own emulator and tests to sign like Slack. */
export async function signSlackBody(secret: string, timestamp: string, body: Uint8Array): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), signedBase(timestamp, body));
  return `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
