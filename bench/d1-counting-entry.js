/**
 * A bench-only entry module around Firebreak's unchanged bundle (./index.js), to count the D1
 * statements it runs. Miniflare's D1 has no query counter and src/ must not be instrumented, so
 * env.DB is handed to the worker as a thin proxy that counts at the binding's API: every
 * first/run/all/raw is one statement and one round trip; a batch of n is n statements in one
 * round trip (what D1 bills, and what a real network would pay). The proxy is made once per real
 * env and handler kind (fetch, queue, cron), so src/db/client.ts's drizzle-per-binding cache
 * keeps hitting as in production, and statements are split by kind for free. The time each D1
 * call and each JOBS send keeps its caller waiting is summed per kind too: under concurrency it
 * says what an ack waited on.
 *
 * GET /__bench/d1 returns the counters (these paths exist only in the bench).
 * POST /__bench/d1?attribute=1 also attributes each statement to the invocation that ran it
 * (the request or the queue batch) and to its Firebreak caller (the first frame of the stack
 * that is not drizzle's). For that, each invocation gets its own proxy, which defeats the
 * drizzle cache (a rebuild per invocation): for a probe, not for measured runs.
 * POST /__bench/query {sql, params} runs a read for the bench itself on the real, uncounted
 * binding: Miniflare's getD1Database() from Node costs about 16 ms a query here, too slow and
 * too heavy to poll an incident's readiness with.
 */
import worker from "./index.js";

const STATS_PATH = "/__bench/d1";
const QUERY_PATH = "/__bench/query";
const meter = () => ({ statements: 0, roundTrips: 0, d1WaitMs: 0, queueSends: 0, queueWaitMs: 0 });
const stats = {
  statements: 0,
  roundTrips: 0,
  byStatement: {},
  byOrigin: {},
  /** Per handler kind: statements, and the time spent waiting on D1 and on sending jobs. */
  byHandler: { fetch: meter(), queue: meter(), cron: meter() },
};
let attribute = false;

/** "select incidents", "insert slack_effects": enough to tell the queries apart. */
function shape(sql) {
  const verb = (/^\s*(\w+)/.exec(sql)?.[1] ?? "?").toLowerCase();
  const table = /\b(?:from|into|update)\s+["`]?(\w+)/i.exec(sql)?.[1] ?? "?";
  return `${verb} ${table}`;
}

/** Drizzle's own frames, and ours, between a statement and the Firebreak code that wanted it. */
const PLUMBING =
  /^(?:caller|count|Counted\w*|Object\.\w+|D1PreparedQuery|QueryPromise|SQLite\w*|D1\w*|async Promise\.all)\b/;

/** The nearest named Firebreak function on the (async) stack. */
function caller() {
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    const name = /^\s*at (?:async )?([\w$.]+) \(/.exec(line)?.[1];
    if (name && !PLUMBING.test(name)) return name;
  }
  return "?";
}

/** Counts one statement for the handler kind (`meter`) and, while attributing, for its origin. */
function count(meter, sql, roundTrip, label) {
  stats.statements++;
  meter.statements++;
  if (roundTrip) {
    stats.roundTrips++;
    meter.roundTrips++;
  }
  const key = shape(sql);
  stats.byStatement[key] = (stats.byStatement[key] ?? 0) + 1;
  if (label !== undefined) {
    const where = `${label} › ${caller()}`;
    stats.byOrigin[where] = (stats.byOrigin[where] ?? 0) + 1;
  }
}

/**
 * Adds the time a call kept its caller waiting to `meter[field]`. Workers' clocks only move
 * across I/O, which is what this measures: the wait for D1 or the queue, queueing included.
 */
function timed(meter, field, promise) {
  const started = Date.now();
  return promise.finally(() => {
    meter[field] += Date.now() - started;
  });
}

class CountedStatement {
  constructor(inner, sql, meter, label) {
    this.inner = inner;
    this.sql = sql;
    this.meter = meter;
    this.label = label;
  }
  bind(...values) {
    return new CountedStatement(this.inner.bind(...values), this.sql, this.meter, this.label);
  }
  #one(run) {
    count(this.meter, this.sql, true, this.label);
    return timed(this.meter, "d1WaitMs", run());
  }
  first(column) {
    return this.#one(() => (column === undefined ? this.inner.first() : this.inner.first(column)));
  }
  run() {
    return this.#one(() => this.inner.run());
  }
  all() {
    return this.#one(() => this.inner.all());
  }
  raw(options) {
    return this.#one(() => this.inner.raw(options));
  }
}

function countedD1(db, meter, label) {
  return {
    prepare: (sql) => new CountedStatement(db.prepare(sql), sql, meter, label),
    batch: (statements) => {
      stats.roundTrips++;
      meter.roundTrips++;
      for (const s of statements) count(meter, s.sql, false, label);
      return timed(meter, "d1WaitMs", db.batch(statements.map((s) => s.inner)));
    },
    exec: (sql) => {
      count(meter, sql, true, label);
      return timed(meter, "d1WaitMs", db.exec(sql));
    },
    dump: () => db.dump(),
    // Unused by Firebreak today; passing it through uncounted would hide queries, so refuse loudly.
    withSession: () => {
      throw new Error("bench/d1-counting-entry.js: withSession is not counted yet; add it here");
    },
  };
}

/** The JOBS producer, timed: how long sending a job kept the request (or job) waiting. */
function timedQueue(queue, meter) {
  return {
    send: (...args) => {
      meter.queueSends++;
      return timed(meter, "queueWaitMs", queue.send(...args));
    },
    sendBatch: (...args) => {
      meter.queueSends++;
      return timed(meter, "queueWaitMs", queue.sendBatch(...args));
    },
    metrics: (...args) => queue.metrics(...args),
  };
}

function wrapEnv(env, kind, label) {
  const meter = stats.byHandler[kind];
  return { ...env, DB: countedD1(env.DB, meter, label), JOBS: timedQueue(env.JOBS, meter) };
}

/**
 * One wrapped env per real env and handler kind, made once: the D1 proxy's identity is stable,
 * so drizzle is built twice or three times in all (once per kind), not once per invocation.
 */
const envs = new WeakMap();
function countedEnv(env, kind, label) {
  if (attribute) return wrapEnv(env, kind, label());
  let byKind = envs.get(env);
  if (!byKind) {
    byKind = {};
    envs.set(env, byKind);
  }
  byKind[kind] ??= wrapEnv(env, kind, undefined);
  return byKind[kind];
}

/** "POST /slack/events view_submission": what a request was, read from a copy of its body. */
async function requestLabel(request) {
  const path = new URL(request.url).pathname;
  if (request.method !== "POST") return `${request.method} ${path}`;
  const body = decodeURIComponent(await request.clone().text());
  const kind = /"type":"(\w+)"/.exec(body)?.[1] ?? (/(?:^|&)command=([^&]+)/.exec(body)?.[1] || "");
  return `POST ${path} ${kind}`.trim();
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === STATS_PATH) {
      if (request.method === "POST") attribute = url.searchParams.get("attribute") === "1";
      // More frames for caller(); the default again once the probe is over.
      Error.stackTraceLimit = attribute ? 40 : 10;
      return Response.json(stats);
    }
    if (url.pathname === QUERY_PATH) {
      const { sql, params = [] } = await request.json();
      const { results } = await env.DB.prepare(sql)
        .bind(...params)
        .all();
      return Response.json(results);
    }
    const label = attribute ? await requestLabel(request) : undefined;
    return worker.fetch(
      request,
      countedEnv(env, "fetch", () => label),
      ctx,
    );
  },
  queue(batch, env, ctx) {
    const types = () => [...new Set(batch.messages.map((m) => m.body?.type ?? "?"))].join("+");
    return worker.queue(
      batch,
      countedEnv(env, "queue", () => `queue ${batch.queue}: ${types()}`),
      ctx,
    );
  },
  scheduled(controller, env, ctx) {
    return worker.scheduled(
      controller,
      countedEnv(env, "cron", () => `cron ${controller.cron}`),
      ctx,
    );
  },
};
