/**
 * V8 CPU profiles of the worker's isolates under load, over Miniflare's inspector (enabled only
 * when BENCH_PROFILE=1). Miniflare runs D1 and the entry router as their own workers inside the
 * same workerd, so each is profiled separately: where the server's time goes, by isolate and by
 * function. Open the .cpuprofile files in Chrome DevTools (Performance) or speedscope.
 */
import { writeFileSync } from "node:fs";
import WebSocket from "ws";
import type { Served } from "./miniflare";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One DevTools protocol session, just enough to start and stop the profiler. */
async function session(wsUrl: string) {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve as (result: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** Starts profiling every isolate of `served`; the returned function stops and collects. */
export async function startProfiling(served: Served): Promise<() => Promise<Map<string, CpuProfile>>> {
  const inspector = await served.mf.getInspectorURL();
  const list = (await (await fetch(new URL("/json/list", `http://${inspector.host}`))).json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  const sessions = await Promise.all(
    list.map(async (t) => ({
      name: t.title.replace(/^workerd: worker /, ""),
      s: await session(t.webSocketDebuggerUrl),
    })),
  );
  for (const { s } of sessions) {
    await s.send("Profiler.enable");
    await s.send("Profiler.setSamplingInterval", { interval: 100 }); // µs
    await s.send("Profiler.start");
  }
  return async () => {
    const profiles = new Map<string, CpuProfile>();
    for (const { name, s } of sessions) {
      profiles.set(name, (await s.send<{ profile: CpuProfile }>("Profiler.stop")).profile);
      s.close();
    }
    return profiles;
  };
}

/** Share of sampled time per function (self time), busiest first; (idle) and (program) included. */
export function topFunctions(profile: CpuProfile, count: number): { share: number; fn: string }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) || 1;
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop() ?? ""}:${frame.lineNumber + 1}`
      : "?";
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, t]) => ({ share: t / total, fn }));
}

export function writeProfiles(profiles: Map<string, CpuProfile>, prefix: string): string[] {
  return [...profiles].map(([name, profile]) => {
    const file = `${prefix}-${name.replace(/[^a-zA-Z0-9]+/g, "_").replace(/_+$/, "")}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    return file;
  });
}
