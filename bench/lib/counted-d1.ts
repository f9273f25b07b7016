/**
 * The Node side of bench/d1-counting-entry.js (served with `serveFirebreak(..., { countD1: true })`):
 * read its D1 counters, turn attribution on for a probe, and run the bench's own reads
 * inside workerd (uncounted) instead of through Miniflare's slow getD1Database() proxy.
 */

/** One handler kind's share: statements, and milliseconds spent waiting on D1 and on sending jobs. */
export interface Meter {
  statements: number;
  roundTrips: number;
  d1WaitMs: number;
  queueSends: number;
  queueWaitMs: number;
}

export interface D1Counters {
  /** Statements executed: each first/run/all/raw is one, a batch of n is n. */
  statements: number;
  /** Calls that went to D1: each single statement, and each batch once. */
  roundTrips: number;
  /** By "verb table", e.g. "insert slack_effects". */
  byStatement: Record<string, number>;
  /** By "invocation › Firebreak caller", only while attribution is on. */
  byOrigin: Record<string, number>;
  /** fetch (requests and their waitUntil work), queue (jobs), cron. */
  byHandler: Record<"fetch" | "queue" | "cron", Meter>;
}

/** The counters; `attribute` switches attribution on or off from now on (see the entry's comment). */
export async function d1Counters(url: URL, o: { attribute?: boolean } = {}): Promise<D1Counters> {
  const target = new URL("/__bench/d1", url);
  if (o.attribute !== undefined) target.searchParams.set("attribute", o.attribute ? "1" : "0");
  const res = await fetch(target, { method: o.attribute === undefined ? "GET" : "POST" });
  if (!res.ok) throw new Error(`D1 counters: ${res.status} (is the worker served with countD1?)`);
  return (await res.json()) as D1Counters;
}

const diffRecord = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(b)
      .map(([k, v]) => [k, v - (a[k] ?? 0)] as const)
      .filter(([, v]) => v !== 0)
      .sort((x, y) => y[1] - x[1]),
  );

const diffMeter = (a: Meter, b: Meter): Meter => ({
  statements: b.statements - a.statements,
  roundTrips: b.roundTrips - a.roundTrips,
  d1WaitMs: b.d1WaitMs - a.d1WaitMs,
  queueSends: b.queueSends - a.queueSends,
  queueWaitMs: b.queueWaitMs - a.queueWaitMs,
});

/** What happened between two readings. */
export function d1Between(a: D1Counters, b: D1Counters): D1Counters {
  return {
    statements: b.statements - a.statements,
    roundTrips: b.roundTrips - a.roundTrips,
    byStatement: diffRecord(a.byStatement, b.byStatement),
    byOrigin: diffRecord(a.byOrigin, b.byOrigin),
    byHandler: {
      fetch: diffMeter(a.byHandler.fetch, b.byHandler.fetch),
      queue: diffMeter(a.byHandler.queue, b.byHandler.queue),
      cron: diffMeter(a.byHandler.cron, b.byHandler.cron),
    },
  };
}

/** A read on the worker's real D1 binding, for the bench itself (not counted). */
export async function benchQuery<T>(url: URL, sql: string, params: unknown[] = []): Promise<T[]> {
  const res = await fetch(new URL("/__bench/query", url), { method: "POST", body: JSON.stringify({ sql, params }) });
  if (!res.ok) throw new Error(`bench query failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T[];
}
