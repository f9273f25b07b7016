/**
 * A stand-in for the Queues service that the fault test can watch: messages go to the real
 * consumer (the worker's exported queue(), via createMessageBatch), acks and retries are read
 * back with getQueueResult, a retry waits its delaySeconds for real (so Slack's Retry-After is
 * honoured or not, visibly), and any delivery can be repeated with attempts + 1, as Queues may.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import type { Job } from "../../src/jobs/job";

interface Pending {
  id: string;
  body: Job;
  attempts: number;
  readyAt: number;
}

export interface HarnessStats {
  delivered: number;
  duplicatesInjected: number;
  /** Deliveries each message took to be acked (first delivery = 1). */
  attempts: Map<string, number>;
  deadLettered: { body: unknown }[];
  retriesExhausted: Job[];
}

export class QueueHarness {
  readonly stats: HarnessStats = {
    delivered: 0,
    duplicatesInjected: 0,
    attempts: new Map(),
    deadLettered: [],
    retriesExhausted: [],
  };
  private readonly pending: Pending[] = [];
  private inFlight = 0;
  private nextId = 0;
  private random: () => number;

  /** The env the worker sees: JOBS and DEAD_LETTERS come here instead of to Miniflare's queues. */
  readonly env: Env;

  constructor(
    private readonly o: {
      duplicateShare: number;
      seed: number;
      maxRetries: number;
      batchSize: number;
      concurrency: number;
    },
  ) {
    this.random = mulberry32(o.seed);
    const capture = (push: (body: unknown) => void): Queue =>
      ({
        metrics: async () => ({ backlogCount: 0, backlogBytes: 0 }),
        send: async (body: unknown) => push(body),
        sendBatch: async (messages: Iterable<MessageSendRequest>) => {
          for (const m of messages) push(m.body);
        },
      }) as unknown as Queue;
    this.env = {
      ...env,
      JOBS: capture((body) => this.enqueue(body as Job)),
      DEAD_LETTERS: capture((body) => this.stats.deadLettered.push({ body })),
    };
  }

  enqueue(body: Job, attempts = 1, delayMs = 0) {
    this.pending.push({ id: `m${++this.nextId}`, body, attempts, readyAt: Date.now() + delayMs });
  }

  /** Hands a request to the worker with this env; the request's waitUntil work is tracked, not awaited. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(request, this.env, ctx);
    this.inFlight++;
    waitOnExecutionContext(ctx).finally(() => this.inFlight--);
    return response;
  };

  /** Delivers until nothing is pending or in flight; returns how long that took. */
  async drain(timeoutMs: number): Promise<number> {
    const started = Date.now();
    const running = new Set<Promise<void>>();
    while (this.pending.length || running.size || this.inFlight) {
      if (Date.now() - started > timeoutMs) throw new Error(`queue did not drain: ${this.pending.length} pending`);
      const now = Date.now();
      const ready = this.pending.filter((m) => m.readyAt <= now);
      if (ready.length && running.size < this.o.concurrency) {
        const batch = ready.slice(0, this.o.batchSize);
        for (const m of batch) this.pending.splice(this.pending.indexOf(m), 1);
        const work = this.deliver(batch).finally(() => running.delete(work));
        running.add(work);
        continue;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - started;
  }

  private async deliver(batch: Pending[]) {
    const messages = batch.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts, body: m.body }));
    const ctx = createExecutionContext();
    const messageBatch = createMessageBatch<Job>("firebreak-jobs", messages);
    // getQueueResult reports which messages were retried but not their delay: record it on the way.
    const delays = new Map<string, number>();
    for (const message of messageBatch.messages) {
      const retry = message.retry.bind(message);
      Object.defineProperty(message, "retry", {
        value: (options?: QueueRetryOptions) => {
          delays.set(message.id, options?.delaySeconds ?? 0);
          retry(options);
        },
      });
    }
    await worker.queue(messageBatch, this.env);
    const result = await getQueueResult(messageBatch, ctx);
    await waitOnExecutionContext(ctx);
    this.stats.delivered += batch.length;
    const retries = new Map<string, number>(
      result.retryMessages.map((r: { msgId: string }) => [r.msgId, delays.get(r.msgId) ?? 0]),
    );
    for (const m of batch) {
      const retry = result.retryBatch.retry || retries.has(m.id);
      if (retry) {
        if (m.attempts > this.o.maxRetries) this.stats.retriesExhausted.push(m.body);
        else
          this.pending.push({ ...m, attempts: m.attempts + 1, readyAt: Date.now() + (retries.get(m.id) ?? 0) * 1000 });
      } else {
        this.stats.attempts.set(m.id, m.attempts);
      }
      // Queues deliver at least once: sometimes a message's first delivery is repeated.
      if (m.attempts === 1 && !m.id.includes("-dup") && this.random() < this.o.duplicateShare) {
        this.stats.duplicatesInjected++;
        this.pending.push({
          id: `${m.id}-dup${this.stats.duplicatesInjected}`,
          body: m.body,
          attempts: m.attempts + 1,
          readyAt: Date.now() + 200,
        });
      }
    }
  }
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
