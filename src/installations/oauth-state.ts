/** One-time OAuth `state` values in D1 (slack-edge's default store accepts any state). */
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { oauthStates } from "../db/schema";
import { toBase64Url } from "../lib/base64";

export const STATE_TTL_MS = 10 * 60 * 1000;

export async function issueState(db: Db, now = Date.now()): Promise<string> {
  const state = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  await db.insert(oauthStates).values({ state, createdAt: now, expiresAt: now + STATE_TTL_MS });
  return state;
}

/** True once per state, and only before it expires: the delete is the check, so a replay finds nothing. */
export async function consumeState(db: Db, state: string, now = Date.now()): Promise<boolean> {
  const deleted = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, state), gt(oauthStates.expiresAt, now)))
    .returning({ state: oauthStates.state });
  return deleted.length === 1;
}
