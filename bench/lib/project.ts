/**
 * What the bench needs from the project's own config: wrangler.toml (read by wrangler itself, so a
 * new binding or compatibility date reaches the bench without editing it) and the committed
 * example secrets. Nothing here reads a developer's .dev.vars.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";

/** The repository root (bench/lib/ is two levels down). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const projectPath = (relative: string) => join(ROOT, relative);

/**
 * The parts of wrangler.toml the bench serves. Wrangler's own Config type names a package it
 * bundles rather than installs, so it reaches us as `any`: this says what we rely on.
 */
export interface WranglerConfig {
  compatibility_date: string;
  compatibility_flags: string[];
  vars: Record<string, unknown>;
  d1_databases: { binding: string; database_id?: string }[];
  queues: {
    producers?: { binding: string; queue: string }[];
    consumers?: {
      queue: string;
      max_batch_size?: number;
      max_batch_timeout?: number;
      max_retries?: number;
      dead_letter_queue?: string;
    }[];
  };
}

/** wrangler.toml as wrangler parses it (defaults filled in). */
export function wranglerConfig(): WranglerConfig {
  return unstable_readConfig({ config: projectPath("wrangler.toml") }, { hideWarnings: true });
}

/** The secrets in .dev.vars.example, the same values the tests use (vitest.config.ts). */
export function exampleSecrets(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(projectPath(".dev.vars.example"), "utf8").split("\n")) {
    const match = /^([A-Z0-9_]+)="?(.*?)"?$/.exec(line.trim());
    if (match?.[1]) vars[match[1]] = match[2] ?? "";
  }
  return vars;
}
