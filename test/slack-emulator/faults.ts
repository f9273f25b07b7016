/**
 * Seeded fault injection, per workspace. Each call a fault applies to draws exactly two numbers
 * from a mulberry32 stream, so the same seed and the same sequence of calls give the same
 * faults on every run.
 */
import type { Args } from "./api/kit";
import type { EmulatorState } from "./state";
import type { FaultSpec } from "./types";

export type Fault =
  | { kind: "scripted"; error: string }
  | { kind: "500" }
  | { kind: "429"; retryAfter: number }
  | { kind: "ambiguous" }
  | { kind: "slow"; ms: number };

/** mulberry32: a tiny, good-enough PRNG whose whole state is one 32-bit number. */
function next(f: { rng: number }): number {
  f.rng = (f.rng + 0x6d2b79f5) | 0;
  let t = f.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function setFaults(state: EmulatorState, teamId: string, spec: FaultSpec | null): void {
  if (!spec) delete state.runtime.faults[teamId];
  else state.runtime.faults[teamId] = { spec, rng: spec.seed | 0, scriptedUsed: (spec.scripted ?? []).map(() => 0) };
}

const appliesByDefault = (method: string) =>
  !method.startsWith("oauth.") && !method.startsWith("openid.") && method !== "response_url";

/** The fault for this call, if the workspace's spec picks one. */
export function drawFault(state: EmulatorState, teamId: string, method: string, args: Args): Fault | undefined {
  const f = state.runtime.faults[teamId];
  if (!f) return undefined;
  const scripted = f.spec.scripted ?? [];
  for (const [i, s] of scripted.entries()) {
    if (s.method !== method || (f.scriptedUsed[i] ?? 0) >= (s.times ?? 1)) continue;
    if (s.match && !Object.entries(s.match).every(([k, v]) => args.str(k) === v)) continue;
    f.scriptedUsed[i] = (f.scriptedUsed[i] ?? 0) + 1;
    return { kind: "scripted", error: s.error };
  }
  const applies = f.spec.methods ? f.spec.methods.includes(method) : appliesByDefault(method);
  if (!applies) return undefined;
  const roll = next(f);
  const extra = next(f);
  let edge = f.spec.error500 ?? 0;
  if (roll < edge) return { kind: "500" };
  edge += f.spec.error429 ?? 0;
  if (roll < edge) return { kind: "429", retryAfter: 1 + Math.floor(extra * 5) };
  edge += f.spec.ambiguous ?? 0;
  if (roll < edge) return { kind: "ambiguous" };
  edge += f.spec.slow ?? 0;
  if (roll < edge) return { kind: "slow", ms: f.spec.slowMs ?? 3500 };
  return undefined;
}
