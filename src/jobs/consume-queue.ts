/**
 * The queue consumer. Messages in a batch run concurrently (each is independent and
 * idempotent); each ends in an explicit ack or retry. The dead-letter queue's batches are
 * recorded, so what died is visible.
 */
import { database } from "../db/client";
import { deadLetters } from "../db/schema";
import { logUnexpected } from "../lib/log";
import type { Job } from "./job";
import { backoffSeconds, type JobOutcome } from "./outcome";
import { runJob } from "./run-job";

export const DEAD_LETTER_QUEUE = "firebreak-jobs-dlq";

export async function consumeQueue(batch: MessageBatch<Job>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return recordDeadLetters(batch, env);
  await Promise.all(batch.messages.map((message) => consumeOne(message, env)));
}

async function consumeOne(message: Message<Job>, env: Env): Promise<void> {
  let outcome: JobOutcome;
  try {
    outcome = await runJob(message.body, { env, attempts: message.attempts });
  } catch (err) {
    // A bug or an outage (D1 down): retry with backoff; the DLQ catches what never succeeds.
    logUnexpected("queue", err, { jobType: message.body?.type, attempts: message.attempts });
    outcome = { kind: "retry", delaySeconds: backoffSeconds(message.attempts), reason: "unexpected error" };
  }
  if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
  else message.ack();
}

async function recordDeadLetters(batch: MessageBatch<Job>, env: Env): Promise<void> {
  const db = database(env.DB);
  const rows = batch.messages.map((m) => ({
    messageId: m.id,
    jobType: typeof m.body?.type === "string" ? m.body.type : "unknown",
    body: JSON.stringify(m.body ?? null),
    attempts: m.attempts,
    diedAt: Date.now(),
  }));
  await db.insert(deadLetters).values(rows).onConflictDoNothing();
  for (const m of batch.messages) m.ack();
  console.warn(
    JSON.stringify({ level: "warn", where: "dead-letter", count: rows.length, types: rows.map((r) => r.jobType) }),
  );
}
