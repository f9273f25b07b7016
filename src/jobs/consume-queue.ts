/**
 * The queue consumer. Messages in a batch run concurrently (each is independent and
 * idempotent); each ends in an explicit ack or retry. The dead-letter queue's batches are
 * recorded, so what died is visible.
 */
import { logUnexpected } from "../lib/log";
import { type DeadLetter, recordDeadLetters } from "./dead-letters";
import type { Job } from "./job";
import { backoffSeconds, type JobOutcome } from "./outcome";
import { runJob } from "./run-job";

export const DEAD_LETTER_QUEUE = "firebreak-jobs-dlq";

export async function consumeQueue(batch: MessageBatch<Job>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return recordDeadLetters(batch as MessageBatch<Job | DeadLetter>, env);
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
  if (outcome.kind === "failed") {
    try {
      await env.DEAD_LETTERS.send(
        { deadLetter: true, job: message.body, reason: outcome.reason } satisfies DeadLetter,
        {
          contentType: "json",
        },
      );
    } catch (err) {
      logUnexpected("dead-letter-send", err);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      return;
    }
  }
  if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
  else message.ack();
}
