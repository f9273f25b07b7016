/**
 * The worker exactly as `wrangler deploy` would upload it: one ES module built by wrangler's own
 * bundler (`--dry-run` stops before any network call, so this works offline). Benchmarking this
 * bundle rather than src/ through a dev server measures what production runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./project";

export interface Bundle {
  /** A fresh temp dir (run.ts removes it), so a stale build is never served. */
  dir: string;
  /** The entry module's absolute path. */
  main: string;
}

export function buildWorker(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dir], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    // Wrangler's banner and binding table are noise here; its errors still reach stderr.
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { dir, main: join(dir, "index.js") };
}
