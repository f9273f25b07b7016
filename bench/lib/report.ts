/** Printing results for people, and writing them as JSON for machines (bench/results/). */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "./load";
import { projectPath, ROOT } from "./project";

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export function printLoadTable(rows: { target: string; result: LoadResult }[]) {
  const header = [
    "target",
    "conns",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "non-2xx",
    "errors",
    ">3 s",
    "srv CPU µs/req",
    "srv/cli/other cores",
  ];
  const lines = rows.map(({ target, result: r }) => [
    target,
    String(r.connections),
    Math.round(r.rps).toLocaleString("en-US"),
    ms(r.latencyMs.p50),
    ms(r.latencyMs.p95),
    ms(r.latencyMs.p99),
    ms(r.latencyMs.max),
    String(r.non2xx),
    String(r.errors),
    String(r.over3s),
    r.cpu ? String(Math.round(r.cpu.serverCpuUsPerRequest)) : "n/a",
    r.cpu ? [r.cpu.serverCores, r.cpu.clientCores, r.cpu.otherCores].map((c) => c.toFixed(2)).join("/") : "n/a",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(fmt(line));
  const busy = rows.filter((r) => (r.result.cpu?.otherCores ?? 0) > OTHER_LOAD_WARNING_CORES);
  if (busy.length) {
    console.log(
      `WARNING: other processes used over ${OTHER_LOAD_WARNING_CORES} of a core during ${busy.length} run(s): ` +
        "the machine was not quiet, so these figures understate both targets. Rerun when it is idle.",
    );
  }
}

/** Above this much CPU from processes that are not ours, a run's figures are suspect. */
export const OTHER_LOAD_WARNING_CORES = 0.25;

/** Where and on what the numbers were taken: absolute figures only mean anything with this. */
export function environment() {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "unknown";
    }
  };
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(projectPath(`node_modules/${pkg}/package.json`), "utf8")) as { version: string })
        .version;
    } catch {
      return "unknown";
    }
  };
  return {
    commit: git("rev-parse", "--short", "HEAD"),
    dirty: git("status", "--porcelain", "--", "src", "drizzle", "wrangler.toml") !== "",
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    miniflare: version("miniflare"),
    workerd: version("workerd"),
    autocannon: version("autocannon"),
    note: "autocannon runs in the same process tree and on the same cores as workerd: client and server share the CPUs.",
  };
}

export function writeResults(name: string, data: unknown): string {
  const dir = projectPath("bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
