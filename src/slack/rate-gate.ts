/**
 * After Slack answers 429 for a method, no call to that method for that workspace may go out
 * before Retry-After has run out: not from this job, and not from the others running beside
 * it. The gate lives in isolate memory (the jobs of a batch share it) and in D1 (other
 * isolates load it when a job starts).
 */
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimits } from "../db/schema";

const closedUntil = new Map<string, number>();
const keyOf = (workspace: string, method: string) => `${workspace}|${method}`;

/** Milliseconds until `method` may be called again for this workspace (0: now). */
export function waitBeforeCalling(workspace: string, method: string, now = Date.now()): number {
  const until = closedUntil.get(keyOf(workspace, method)) ?? 0;
  return Math.max(0, until - now);
}

/** Closes the gate for Retry-After seconds (never shortens a longer close). */
export function closeGate(workspace: string, method: string, retryAfterSeconds: number, now = Date.now()): number {
  const key = keyOf(workspace, method);
  const until = Math.max(closedUntil.get(key) ?? 0, now + retryAfterSeconds * 1000);
  closedUntil.set(key, until);
  return until;
}

/** Persists a close so other isolates see it. */
export async function persistGate(db: Db, workspace: string, method: string, until: number) {
  await db
    .insert(rateLimits)
    .values({ workspace, method, until })
    .onConflictDoUpdate({ target: [rateLimits.workspace, rateLimits.method], set: { until } });
}

/** Loads the workspace's open closes into memory: one query at the start of a job. */
export async function loadGates(db: Db, workspace: string, now = Date.now()) {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(and(eq(rateLimits.workspace, workspace), gt(rateLimits.until, now)));
  for (const row of rows) {
    const key = keyOf(row.workspace, row.method);
    closedUntil.set(key, Math.max(closedUntil.get(key) ?? 0, row.until));
  }
}
