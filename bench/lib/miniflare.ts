/**
 * Serving workers with Miniflare's API directly. Not `wrangler dev`: its proxy and per-request
 * logging cut a trivial worker's throughput about 4× on this machine (docs/benchmarks.md).
 * Miniflare 5 takes a new options shape; we write the familiar v4 shape and convert it.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { convertV4MiniflareOptions, Miniflare, type V4MiniflareOptions } from "miniflare";
import { exampleSecrets, projectPath, wranglerConfig } from "./project";

/** Options every served worker shares, so Firebreak and the floor run under the same runner. */
const shared = {
  host: "127.0.0.1",
  port: 0, // any free port; `ready` says which
  // The entry worker otherwise reports every request to Node over the loopback: pure overhead.
  logRequests: false,
  modules: true,
  // A second socket straight into the worker, skipping Miniflare's entry worker (a routing proxy
  // that production does not have): `BENCH_VIA=direct` measures through it.
  unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
} satisfies Partial<V4MiniflareOptions>;

export interface Served {
  mf: Miniflare;
  /** Miniflare's entry socket, as `new Miniflare({ port })` serves (workerd; Node is not on the path). */
  url: URL;
  /** The worker's own socket, without the entry worker in front. */
  directUrl: URL;
}

async function serve(options: V4MiniflareOptions & { scriptPath: string }): Promise<Served> {
  // Module names are paths relative to modulesRoot, which must contain the script (the bundle
  // lives in a temp dir, outside the cwd).
  const mf = new Miniflare(convertV4MiniflareOptions({ modulesRoot: dirname(options.scriptPath), ...options }));
  const url = await mf.ready;
  return { mf, url, directUrl: await mf.unsafeGetDirectURL() };
}

/**
 * The bundle as its only module, or with bench/d1-counting-entry.js in front of it (countD1):
 * that entry sits next to index.js so its `import "./index.js"` resolves, and counts D1 statements.
 */
function firebreakModules(scriptPath: string, countD1: boolean) {
  if (!countD1) return { modules: true } as const;
  return {
    modules: [
      {
        type: "ESModule" as const,
        path: join(dirname(scriptPath), "bench-d1-counting-entry.js"),
        contents: readFileSync(projectPath("bench/d1-counting-entry.js"), "utf8"),
      },
      { type: "ESModule" as const, path: scriptPath },
    ],
  };
}

/** Firebreak's bundle with wrangler.toml's bindings, the example secrets and local-only URLs. */
export function serveFirebreak(
  scriptPath: string,
  overrides: { SLACK_BASE_URL: string; APP_URL: string },
  { inspect = false, countD1 = false } = {},
) {
  const config = wranglerConfig();
  refuseUnmappedBindings(config);
  const vars = Object.fromEntries(
    Object.entries(config.vars).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return serve({
    ...shared,
    // Any free port, for lib/profile.ts; off unless asked, so the measured runs carry no inspector.
    ...(inspect ? { inspectorPort: 0 } : {}),
    scriptPath,
    ...firebreakModules(scriptPath, countD1),
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    bindings: { ...vars, ...exampleSecrets(), ...overrides },
    // No persistence path: D1 lives in Miniflare's temp dir, so every run starts from an empty database.
    d1Databases: Object.fromEntries(config.d1_databases.map((d) => [d.binding, d.database_id ?? d.binding])),
    queueProducers: Object.fromEntries(config.queues.producers?.map((p) => [p.binding, { queueName: p.queue }]) ?? []),
    // The consumers too, so a send from the request path is delivered rather than piling up.
    queueConsumers: Object.fromEntries(
      config.queues.consumers?.map((c) => [
        c.queue,
        {
          maxBatchSize: c.max_batch_size,
          maxBatchTimeout: c.max_batch_timeout,
          maxRetries: c.max_retries,
          deadLetterQueue: c.dead_letter_queue,
        },
      ]) ?? [],
    ),
  });
}

/** Binding kinds this file does not pass on yet: serving without them would measure a broken worker. */
const UNMAPPED = ["kv_namespaces", "r2_buckets", "services", "workflows", "hyperdrive", "vectorize", "ai"];

function refuseUnmappedBindings(config: object) {
  const raw = config as Record<string, unknown>;
  const present = UNMAPPED.filter((key) => (Array.isArray(raw[key]) ? raw[key].length > 0 : Boolean(raw[key])));
  const durableObjects = (raw.durable_objects as { bindings?: unknown[] } | undefined)?.bindings ?? [];
  if (durableObjects.length) present.push("durable_objects");
  if (present.length) {
    throw new Error(`wrangler.toml has ${present.join(", ")}: map them in bench/lib/miniflare.ts (serveFirebreak).`);
  }
}

/** A worker with no bindings beyond the signing secret: the floor any Slack endpoint pays. */
export function serveFloor(scriptPath: string, compatibilityDate: string) {
  const { SLACK_SIGNING_SECRET = "" } = exampleSecrets();
  return serve({ ...shared, scriptPath, compatibilityDate, bindings: { SLACK_SIGNING_SECRET } });
}

/** Where to send load: see BenchOptions.via. */
export const endpoint = (served: Served, via: "entry" | "direct") => (via === "direct" ? served.directUrl : served.url);
