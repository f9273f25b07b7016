/**
 * ack: a signed `/incident help` answered in the request with the ephemeral "Incident options"
 * menu. The whole Slack edge runs (signature, classification, slack-edge routing, the D1
 * installation lookup, bot token decryption, the listener); nothing leaves the worker. The
 * floor worker is driven identically, and the ratio is what to read: absolute req/s drift.
 */

import { compareTargets, type Row } from "../lib/compare";
import { applyMigrations, seedInstallation } from "../lib/d1";
import { runLoad } from "../lib/load";
import { endpoint, type Served, serveFirebreak, serveFloor } from "../lib/miniflare";
import { startProfiling, topFunctions, writeProfiles } from "../lib/profile";
import { projectPath, wranglerConfig } from "../lib/project";
import { environment, printLoadTable } from "../lib/report";
import { type SignedRequest, signedSlackPost, slashCommandBody } from "../lib/slack";
import type { BenchOptions, Scenario } from "./types";

const TEAM_ID = "TBENCH";
const BODY = slashCommandBody(TEAM_ID, "/incident", "help");

const TARGETS = { throughputRatio: 0.7, p99At16Ms: 50, over3s: 0 };

/** Refuses to measure a server that answers wrongly: fast errors would look like a win. */
async function checkSample(url: URL, expect: (status: number, json: unknown) => string | undefined) {
  const req = await signedSlackPost("/slack/events", BODY);
  const res = await fetch(new URL(req.path, url), { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const problem = expect(res.status, json);
  if (problem) throw new Error(`Sample check failed: ${problem}. Status ${res.status}, body: ${text.slice(0, 300)}`);
}

function isMenu(status: number, json: unknown): string | undefined {
  const body = json as { response_type?: string; text?: string } | undefined;
  if (status !== 200) return "expected 200";
  if (body?.response_type !== "ephemeral") return "expected an ephemeral response";
  if (body.text !== "Incident options") return 'expected the "Incident options" menu';
}

export const ack: Scenario = {
  name: "ack",
  description: "signed /incident help → ephemeral menu, Firebreak vs an HMAC-only floor worker",
  async run({ bundle, options }) {
    const started: Served[] = [];
    try {
      const firebreak = await serveFirebreak(
        bundle.main,
        {
          // Port 9 (discard) on loopback: nothing listens, so a Slack call on the ack path fails loudly.
          SLACK_BASE_URL: "http://127.0.0.1:9",
          APP_URL: "https://firebreak.bench.invalid",
        },
        { inspect: options.profile },
      );
      started.push(firebreak);
      const db = await firebreak.mf.getD1Database("DB");
      const migrations = await applyMigrations(db);
      const installation = await seedInstallation(db, TEAM_ID);
      const floor = await serveFloor(projectPath("bench/floor-worker.js"), wranglerConfig().compatibility_date ?? "");
      started.push(floor);

      const firebreakUrl = endpoint(firebreak, options.via);
      const floorUrl = endpoint(floor, options.via);
      await checkSample(firebreakUrl, isMenu);
      await checkSample(floorUrl, (status) => (status === 200 ? undefined : "expected 200"));
      console.log(
        `ack: ${migrations} migration file(s) applied, installation #${installation.id} for ${TEAM_ID}, load via ${options.via} socket`,
      );

      const sign = () => signedSlackPost("/slack/events", BODY);
      const rows = await compareTargets(
        [
          { name: "floor", url: floorUrl, request: sign },
          { name: "firebreak", url: firebreakUrl, request: sign },
        ],
        options,
      );
      const outcome = summarize(rows, options);
      if (options.profile) await profileFirebreak(firebreak, firebreakUrl, sign);
      return outcome;
    } finally {
      await Promise.all(started.map((s) => s.mf.dispose()));
    }
  },
};

/** Where Firebreak's server time goes: one extra, unmeasured run under the profiler. */
async function profileFirebreak(served: Served, url: URL, sign: () => Promise<SignedRequest>) {
  const stop = await startProfiling(served);
  await runLoad({ url, request: await sign(), connections: 16, seconds: 5 });
  const profiles = await stop();
  const files = writeProfiles(profiles, projectPath("bench/results/ack"));
  for (const isolate of ["core:user:", "d1:db"]) {
    const profile = profiles.get(isolate);
    if (!profile) continue;
    console.log(`\nprofile of isolate ${isolate} (self time, 16 conns, 5 s):`);
    for (const { share, fn } of topFunctions(profile, 12))
      console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${fn}`);
  }
  console.log(`\nwrote ${files.length} .cpuprofile files to bench/results/ (open in Chrome DevTools or speedscope)`);
}

function summarize(rows: Row[], options: BenchOptions) {
  const find = (target: string, c: number) =>
    rows.find((r) => r.target === target && r.result.connections === c)?.result;
  const ratios = options.concurrencies.map((c) => ({
    connections: c,
    throughputRatio: (find("firebreak", c)?.rps ?? 0) / (find("floor", c)?.rps ?? 1),
  }));
  const fb16 = find("firebreak", 16);
  const firebreakRows = rows.filter((r) => r.target === "firebreak");
  const checks = {
    throughputRatio: ratios.every((r) => r.throughputRatio >= TARGETS.throughputRatio),
    p99At16: fb16 ? fb16.latencyMs.p99 < TARGETS.p99At16Ms : false,
    nothingOver3s: firebreakRows.every((r) => r.result.over3s === 0),
  };
  const valid = rows.every((r) => r.result.non2xx === 0 && r.result.errors === 0);

  console.log();
  printLoadTable(rows);
  console.log();
  for (const r of ratios)
    console.log(`firebreak/floor throughput @ ${r.connections} conns: ${r.throughputRatio.toFixed(2)}×`);
  const mark = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `target throughput ≥ ${TARGETS.throughputRatio}× floor (every concurrency): ${mark(checks.throughputRatio)}`,
  );
  console.log(
    `target p99 @ 16 conns < ${TARGETS.p99At16Ms} ms: ${mark(checks.p99At16)} (${fb16?.latencyMs.p99.toFixed(2)} ms)`,
  );
  console.log(`target nothing over 3 s: ${mark(checks.nothingOver3s)}`);
  console.log("note: autocannon and workerd share this machine's cores; read ratios, not absolute req/s.");
  if (!valid) console.log("INVALID RUN: some requests failed or answered non-2xx (see the table).");

  return {
    valid,
    results: {
      scenario: "ack",
      at: new Date().toISOString(),
      environment: environment(),
      options,
      targets: TARGETS,
      checks,
      ratios,
      rows,
    },
  };
}
