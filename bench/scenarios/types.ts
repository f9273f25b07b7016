/** What a scenario is given and what it returns: run.ts builds once and runs any of them. */
import type { Bundle } from "../lib/build";

export interface BenchOptions {
  /** Measured seconds per (target, concurrency). */
  seconds: number;
  /** Discarded seconds before each measured run: JIT, connection setup, SQLite page cache. */
  warmupSeconds: number;
  concurrencies: number[];
  /**
   * "entry": Miniflare's entry socket, the documented way to serve (default). "direct": the
   * worker's own socket, without the entry worker's routing hop (closer to production).
   */
  via: "entry" | "direct";
  /** After measuring, CPU-profile Firebreak's isolates under 16 connections (lib/profile.ts). */
  profile: boolean;
}

export interface ScenarioContext {
  bundle: Bundle;
  options: BenchOptions;
}

export interface ScenarioOutcome {
  /** Written to bench/results/<scenario name>.json. */
  results: unknown;
  /** False when the measurement itself is invalid (errors, wrong answers): run.ts exits 1. */
  valid: boolean;
}

export interface Scenario {
  name: string;
  description: string;
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}
