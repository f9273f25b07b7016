/**
 * Who used the CPU during a run, from /proc (Linux; elsewhere every figure is null). The client
 * and workerd share the machine's cores, and so does anything else running (a test suite, a
 * build): this says how much of the machine was the server, the client, and someone else, and
 * gives server CPU time per request, which load from others distorts far less than req/s.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Snapshot {
  at: number;
  systemBusy: number;
  self: number;
  children: number;
}

/** Busy ticks of the whole machine: everything but idle and iowait, across all cores. */
function systemBusyTicks(): number {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  const n = fields.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return total - (n[3] ?? 0) - (n[4] ?? 0);
}

/** utime + stime of a process, and its parent pid. */
function processTicks(pid: string): { ppid: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name, which may itself contain spaces.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: rest[1] ?? "", ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

/** Ticks of this process, and of all its descendants (the workerd servers Miniflare spawned). */
function ownTicks(): { self: number; children: number } {
  const all = new Map<string, { ppid: string; ticks: number }>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const t = processTicks(pid);
    if (t) all.set(pid, t);
  }
  const me = String(process.pid);
  const isDescendant = (pid: string): boolean => {
    for (let p = all.get(pid)?.ppid; p && p !== "0"; p = all.get(p)?.ppid) if (p === me) return true;
    return false;
  };
  let children = 0;
  for (const [pid, t] of all) if (isDescendant(pid)) children += t.ticks;
  return { self: all.get(me)?.ticks ?? 0, children };
}

export function cpuSnapshot(): Snapshot | undefined {
  try {
    return { at: performance.now(), systemBusy: systemBusyTicks(), ...ownTicks() };
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  /** In cores (1.0 = one core busy the whole run). */
  serverCores: number;
  clientCores: number;
  otherCores: number;
  /** Server (all workerd processes we started) CPU time per completed request. */
  serverCpuUsPerRequest: number;
}

export function cpuBetween(a: Snapshot | undefined, b: Snapshot | undefined, requests: number): CpuUse | null {
  if (!a || !b) return null;
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
  const server = b.children - a.children;
  const client = b.self - a.self;
  return {
    serverCores: cores(server),
    clientCores: cores(client),
    // Ticks of processes that ended mid-run are lost either way; clamp rounding below zero.
    otherCores: Math.max(0, cores(b.systemBusy - a.systemBusy - server - client)),
    serverCpuUsPerRequest: requests ? ((server / TICKS_PER_SECOND) * 1e6) / requests : 0,
  };
}
