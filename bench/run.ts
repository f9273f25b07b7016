/**
 * `npm run bench [-- <scenario>...]`: builds the worker once with wrangler, then runs every
 * scenario (or the named ones), each writing bench/results/<name>.json.
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS and BENCH_CONNECTIONS (comma-separated) override the defaults;
 * BENCH_VIA=direct skips Miniflare's entry worker (see BenchOptions.via); BENCH_PROFILE=1 adds CPU profiles.
 */
import { rmSync } from "node:fs";
import { buildWorker } from "./lib/build";
import { writeResults } from "./lib/report";
import { scenarios } from "./scenarios/index";
import type { BenchOptions } from "./scenarios/types";

const numberList = (value: string | undefined, fallback: number[]) =>
  value ? value.split(",").map((v) => Number(v.trim())) : fallback;

const options: BenchOptions = {
  seconds: Number(process.env.BENCH_SECONDS ?? 6),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
  concurrencies: numberList(process.env.BENCH_CONNECTIONS, [1, 16, 64]),
  via: process.env.BENCH_VIA === "direct" ? "direct" : "entry",
  profile: process.env.BENCH_PROFILE === "1",
};

// One signature serves a whole run (lib/slack.ts); Slack's rule, which the server applies, is ±300 s.
if (options.seconds + options.warmupSeconds > 290) {
  console.error("BENCH_SECONDS + BENCH_WARMUP_SECONDS must stay under 290: each run replays one signature.");
  process.exit(2);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(", ")}. Known: ${scenarios.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const selected = wanted.length ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios;

console.log("Building the worker (wrangler deploy --dry-run)…");
const bundle = buildWorker();
let allValid = true;
try {
  for (const scenario of selected) {
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    const { results, valid } = await scenario.run({ bundle, options });
    console.log(`wrote ${writeResults(scenario.name, results)}`);
    allValid &&= valid;
  }
} finally {
  rmSync(bundle.dir, { recursive: true, force: true });
}
// No process.exit(): Miniflare removes its temp dirs asynchronously after dispose().
process.exitCode = allValid ? 0 : 1;
