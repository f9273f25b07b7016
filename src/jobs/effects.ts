/**
 * Slack side effects that must happen exactly once, under at-least-once queues and a Slack
 * that can fail after acting. An effect is claimed before it is tried (so two deliveries of
 * the same job never both post), recorded the moment Slack confirms it, and, when the last
 * attempt ended ambiguously (a 5xx, a crash), looked up in Slack before it is tried again.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { slackEffects } from "../db/schema";
import { classifySlackFailure } from "../slack/slack-failure";

/** Longer than any single Slack call takes; a crashed worker's claim lapses after it. */
const CLAIM_MS = 30_000;

/** Another worker holds the claim: retry the job after it has had time to finish. */
export class EffectBusyError extends Error {
  override readonly name = "EffectBusyError";
  constructor(
    readonly key: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`effect ${key} is being performed elsewhere`);
  }
}

export interface EffectSpec {
  key: string;
  teamId: string;
  /** Does it; resolves to what must be remembered (a ts, a channel id). */
  perform: () => Promise<string>;
  /**
   * Finds the result of an earlier attempt that may have succeeded unseen, or undefined if it
   * did not happen. Without one, an ambiguous attempt is simply tried again.
   */
  reconcile?: (attemptedAt: number) => Promise<string | undefined>;
}

/**
 * The effect's result: recorded earlier, found by reconcile, or performed now. An ambiguous
 * failure gets one more try at once (reconciling first) before the job itself is retried.
 */
export async function once(db: Db, spec: EffectSpec): Promise<string> {
  try {
    return await onceAttempt(db, spec, Date.now());
  } catch (err) {
    if (classifySlackFailure(err).kind !== "ambiguous") throw err;
    await new Promise((resolve) => setTimeout(resolve, 250));
    return onceAttempt(db, spec, Date.now());
  }
}

async function onceAttempt(db: Db, spec: EffectSpec, now: number): Promise<string> {
  const claim = await claimEffect(db, spec, now);
  if (claim.kind === "done") return claim.result;
  const claimedUntil = now + CLAIM_MS;
  if (claim.previousAttemptAt !== undefined) {
    let found: string | undefined;
    try {
      found = spec.reconcile ? await spec.reconcile(claim.previousAttemptAt) : undefined;
    } catch (err) {
      // Could not look: give the claim back at once (the attempt time stays) for the retry.
      await db
        .update(slackEffects)
        .set({ claimedUntil: 0 })
        .where(and(eq(slackEffects.key, spec.key), eq(slackEffects.claimedUntil, claimedUntil)));
      throw err;
    }
    if (found !== undefined) return markDone(db, spec.key, found, claimedUntil);
    // Nothing of the earlier attempts happened: from now on, only this attempt needs looking for.
    await db
      .update(slackEffects)
      .set({ attemptedAt: now })
      .where(and(eq(slackEffects.key, spec.key), eq(slackEffects.claimedUntil, claimedUntil)));
  }
  let result: string;
  try {
    result = await spec.perform();
  } catch (err) {
    await releaseAfterFailure(db, spec.key, claimedUntil, err);
    throw err;
  }
  return markDone(db, spec.key, result, claimedUntil);
}

/** Whether an effect was recorded, and its result. */
export async function effectResult(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select().from(slackEffects).where(eq(slackEffects.key, key));
  return row?.state === "done" ? (row.result ?? "") : undefined;
}

type Claim = { kind: "done"; result: string } | { kind: "owned"; previousAttemptAt?: number };

async function claimEffect(db: Db, spec: EffectSpec, now: number): Promise<Claim> {
  const inserted = await db
    .insert(slackEffects)
    .values({ key: spec.key, teamId: spec.teamId, state: "pending", claimedUntil: now + CLAIM_MS, attemptedAt: now })
    .onConflictDoNothing()
    .returning({ key: slackEffects.key });
  if (inserted.length) return { kind: "owned" };
  const [row] = await db.select().from(slackEffects).where(eq(slackEffects.key, spec.key));
  if (!row) throw new EffectBusyError(spec.key, 1);
  if (row.state === "done") return { kind: "done", result: row.result ?? "" };
  if (row.claimedUntil > now) throw new EffectBusyError(spec.key, Math.ceil((row.claimedUntil - now) / 1000));
  // The last claim lapsed or was given up after an ambiguous failure: take it over, once. The
  // attempt time stays: until a reconcile has looked, the earliest attempt may have succeeded.
  const taken = await db
    .update(slackEffects)
    .set({ claimedUntil: now + CLAIM_MS })
    .where(
      and(
        eq(slackEffects.key, spec.key),
        eq(slackEffects.state, "pending"),
        eq(slackEffects.claimedUntil, row.claimedUntil),
      ),
    )
    .returning({ key: slackEffects.key });
  if (!taken.length) throw new EffectBusyError(spec.key, 1);
  return { kind: "owned", previousAttemptAt: row.attemptedAt };
}

async function markDone(db: Db, key: string, result: string, claimedUntil: number): Promise<string> {
  await db
    .update(slackEffects)
    .set({ state: "done", result, doneAt: Date.now() })
    .where(and(eq(slackEffects.key, key), eq(slackEffects.claimedUntil, claimedUntil)));
  return result;
}

/**
 * A clean refusal (rate limited, rejected) means Slack did nothing: forget the attempt. Anything
 * else may have happened: keep it pending, with the claim lapsed so the retry reconciles at once.
 */
async function releaseAfterFailure(db: Db, key: string, claimedUntil: number, err: unknown) {
  const failure = classifySlackFailure(err);
  const ours = and(
    eq(slackEffects.key, key),
    eq(slackEffects.state, "pending"),
    eq(slackEffects.claimedUntil, claimedUntil),
  );
  if (failure.kind === "rate_limited" || failure.kind === "rejected") {
    await db.delete(slackEffects).where(ours);
  } else {
    await db.update(slackEffects).set({ claimedUntil: 0 }).where(ours);
  }
}
