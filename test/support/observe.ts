/**
 * Watching the side effects of a request: rows in every table, and jobs sent to the real
 * JOBS queue (the env handed to the worker wraps the queue binding and records each send).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";

const TABLES = [
  "installations",
  "oauth_states",
  "processed_events",
  "incidents",
  "incident_events",
  "dead_letters",
  "rate_limits",
  "slack_effects",
  "postmortems",
  "home_viewers",
  "slack_users",
];

/** Row count per table: equal snapshots before and after mean nothing was written. */
export async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** Calls the worker's fetch with an env whose JOBS records what is sent (and still sends it). */
export async function fetchRecordingJobs(request: Request): Promise<{ response: Response; jobs: unknown[] }> {
  const jobs: unknown[] = [];
  const queue = env.JOBS;
  const recording = {
    send: (body: unknown, options?: QueueSendOptions) => {
      jobs.push(body);
      return queue.send(body, options);
    },
    sendBatch: (messages: Iterable<MessageSendRequest>, options?: QueueSendBatchOptions) => {
      for (const m of messages) jobs.push(m.body);
      return queue.sendBatch(messages, options);
    },
  } as Queue;
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, JOBS: recording }, ctx);
  await waitOnExecutionContext(ctx);
  return { response, jobs };
}
