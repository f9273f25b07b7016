/**
 * The web session: a cookie holding who signed in (as Slack said), signed with SESSION_SECRET.
 * It lives 8 hours; a CSRF token is derived from its random id, so every form carries a value
 * only this session's pages can know.
 */
import { fromBase64Url, toBase64Url } from "../lib/base64";
import { hmacKey } from "../lib/hmac-key";

export const SESSION_COOKIE = "fb_session";
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

export interface Session {
  /** Random id: keys the CSRF token. */
  sid: string;
  teamId: string;
  enterpriseId?: string;
  teamName: string;
  userId: string;
  name: string;
  /** The person's Slack time zone (IANA), for showing times. */
  tz?: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const encoder = new TextEncoder();

async function mac(secret: string, data: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(data))));
}

/** `payload.signature`, both base64url. */
export async function sealValue(secret: string, value: object): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(value)));
  return `${payload}.${await mac(secret, payload)}`;
}

/** The value if the signature is ours, else undefined (a mangled cookie is just no cookie). */
export async function openValue<T>(secret: string, sealed: string | undefined): Promise<T | undefined> {
  const [payload, signature, extra] = (sealed ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return undefined;
  try {
    const key = await hmacKey(secret);
    if (!(await crypto.subtle.verify("HMAC", key, fromBase64Url(signature), encoder.encode(payload)))) return undefined;
    return JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as T;
  } catch {
    return undefined;
  }
}

export function newSession(fields: Omit<Session, "sid" | "exp">, now = Date.now()): Session {
  return {
    ...fields,
    sid: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    exp: Math.floor(now / 1000) + SESSION_TTL_SECONDS,
  };
}

export async function readSession(
  secret: string,
  cookie: string | undefined,
  now = Date.now(),
): Promise<Session | undefined> {
  const session = await openValue<Session>(secret, cookie);
  if (!session || typeof session.exp !== "number" || session.exp * 1000 <= now) return undefined;
  return session;
}

/** The form token for this session. */
export function csrfToken(secret: string, session: Session): Promise<string> {
  return mac(secret, `csrf:${session.sid}`);
}

export async function checkCsrf(secret: string, session: Session, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const expected = await csrfToken(secret, session);
  if (expected.length !== token.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}
