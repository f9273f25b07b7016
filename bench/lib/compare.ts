/**
 * Drives several targets identically at each concurrency. Runs alternate target order from one
 * concurrency to the next, so slow drift on a shared machine (thermal, a background job) does
 * not always land on the same target.
 */
import { type LoadResult, runLoad } from "./load";
import type { SignedRequest } from "./slack";

export interface Target {
  name: string;
  url: URL;
  /** A freshly signed request: called once per run, never per request. */
  request(): Promise<SignedRequest>;
}

export interface Row {
  target: string;
  result: LoadResult;
}

export async function compareTargets(
  targets: Target[],
  options: { concurrencies: number[]; seconds: number; warmupSeconds: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [i, connections] of options.concurrencies.entries()) {
    const order = i % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const request = await target.request();
      if (options.warmupSeconds > 0) {
        await runLoad({ url: target.url, request, connections, seconds: options.warmupSeconds });
      }
      const result = await runLoad({ url: target.url, request, connections, seconds: options.seconds });
      process.stderr.write(`  ${target.name} @ ${connections}: ${Math.round(result.rps)} req/s\n`);
      rows.push({ target: target.name, result });
    }
  }
  return rows;
}
