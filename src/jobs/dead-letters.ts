/**
 * The dead-letter queue's consumer: what died is recorded in D1 (visible in /healthz and to
 * operators), and a declarer whose incident could not be opened hears about it.
 */
import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { deadLetters, incidents } from "../db/schema";
import { incidentById } from "../incidents/queries";
import { logUnexpected } from "../lib/log";
import type { Job } from "./job";
import { tellDeclarer } from "./tell-declarer";
import { openWorkspace } from "./workspace";

/** What a job that failed for good is sent to the dead-letter queue as. */
export interface DeadLetter {
  deadLetter: true;
  job: Job;
  reason: string;
}

export function isDeadLetter(body: unknown): body is DeadLetter {
  return typeof body === "object" && body !== null && (body as DeadLetter).deadLetter === true;
}

/** Both kinds of dead letter: sent by a job that failed for good, or moved here when retries ran out. */
export async function recordDeadLetters(batch: MessageBatch<Job | DeadLetter>, env: Env): Promise<void> {
  const db = database(env.DB);
  const rows = batch.messages.map((m) => {
    const job = isDeadLetter(m.body) ? m.body.job : m.body;
    return {
      messageId: m.id,
      jobType: typeof job?.type === "string" ? job.type : "unknown",
      body: JSON.stringify(job ?? null),
      reason: isDeadLetter(m.body) ? m.body.reason : "retries ran out",
      attempts: m.attempts,
      diedAt: Date.now(),
    };
  });
  await db.insert(deadLetters).values(rows).onConflictDoNothing();
  for (const m of batch.messages) {
    const job = isDeadLetter(m.body) ? m.body.job : m.body;
    if (job?.type === "incident_open") await giveUpOpening(env, job, isDeadLetter(m.body) ? m.body.reason : undefined);
    m.ack();
  }
  console.warn(
    JSON.stringify({ level: "warn", where: "dead-letter", count: rows.length, types: rows.map((r) => r.jobType) }),
  );
}

/**
 * An incident whose opening job died (retries ran out, or it failed for good somewhere the job
 * itself could not record, such as a revoked token): marked failed, and its declarer told if
 * Slack still lets us.
 */
async function giveUpOpening(env: Env, job: Extract<Job, { type: "incident_open" }>, reason = "retries ran out") {
  const db = database(env.DB);
  try {
    const incident = await incidentById(db, job.incidentId);
    if (incident?.openState !== "opening") return;
    await db.update(incidents).set({ openState: "failed", openError: reason }).where(eq(incidents.id, incident.id));
    const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
    await tellDeclarer(
      env,
      db,
      ws,
      incident,
      "gave-up",
      "finish setting it up",
      `${reason === "retries ran out" ? "Slack kept failing for a long while" : `It stopped: ${reason}`}. The incident is recorded; declare it again if you still need a channel.`,
    );
  } catch (err) {
    logUnexpected("dead-letter-tell", err, { incidentId: job.incidentId });
  }
}
