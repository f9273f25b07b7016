/**
 * One measured run of the declare scenario: fresh workspaces, `concurrency` declarers each
 * declaring one incident after another (a closed loop: a person declares, waits for the channel,
 * the next declares) until `incidents` are ready, then everything the run cost: Slack Web API
 * calls and response_url posts from the emulator's records, D1 statements from the counting
 * entry, and CPU from /proc. The installs happen before the baselines, so none of it is theirs.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ApiCall, SeededWorkspace } from "../../test/slack-emulator/types";
import { benchQuery, type D1Counters, d1Between, d1Counters } from "./counted-d1";
import { type CpuUse, cpuBetween, cpuSnapshot } from "./cpu";
import { type DeclaredIncident, declareOne } from "./declare-flow";
import { installedWorkspace, type Slack, timedDriver } from "./emulated-slack";
import { tally } from "./stats";

export interface RunSpec {
  name: string;
  incidents: number;
  concurrency: number;
  workspaces: number;
  /** The emulator's Slack rate limits (tiers, 1 post/s per channel); off to measure Firebreak itself. */
  rateLimits: boolean;
  /** Attribute each D1 statement to its invocation and caller (slower: probes only). */
  attribute?: boolean;
  /** Per incident, before it counts as failed (default 30 s). */
  timeoutMs?: number;
  /** Stop declaring after this many failures (a stuck run would otherwise cost timeoutMs per incident). */
  stopAfterFailures?: number;
  /** People per workspace who opened Firebreak's App Home beforehand (each declare republishes it for them). */
  homeViewers?: number;
}

export interface Milestones {
  /** Epoch ms at which the emulator received the call (it answers within a millisecond). */
  channelCreatedAt?: number;
  summaryPinnedAt?: number;
  announcedAt?: number;
}

export interface RunResult {
  spec: RunSpec;
  declared: (DeclaredIncident & Milestones)[];
  failures: string[];
  wallMs: number;
  d1: D1Counters;
  /** Web API calls by method; `notOk` by "method error/status" (429s included). */
  calls: { total: number; byMethod: Record<string, number>; notOk: Record<string, number> };
  /** Posts to response_urls (the declarer's "Declaring…" and "is open" notices): not Web API calls. */
  responseUrlPosts: number;
  cpu: CpuUse | null;
  /**
   * How late this process's event loop ran (ms): the client's timers and the emulator share it,
   * so an ack measured here includes up to this much of the client's own delay.
   */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export interface World {
  slack: Slack;
  /** Where Slack's requests go (BENCH_VIA), and Firebreak's own socket for the bench's reads. */
  firebreak: (req: Request) => Promise<Response>;
  worker: URL;
}

let workspaceSerial = 0;

export async function runDeclares(world: World, spec: RunSpec): Promise<RunResult> {
  const { slack, worker } = world;
  const perWorkspace = Math.ceil(spec.concurrency / spec.workspaces);
  const workspaces: SeededWorkspace[] = [];
  const viewers = spec.homeViewers ?? 0;
  for (let w = 0; w < spec.workspaces; w++) {
    const people = perWorkspace + 3 + viewers;
    const ws = await installedWorkspace(slack, world.firebreak, `Bench ${++workspaceSerial}`, people);
    await slack.client.setRateLimits(ws, { enabled: spec.rateLimits, scale: 1 });
    // The last `viewers` people open App Home; the app_home_opened events reach Firebreak as Slack sends them.
    for (let v = people - viewers; v < people; v++) await slack.client.openAppHome(ws, ws.users[`p${v}`]?.id ?? "");
    if (viewers) await timedDriver(slack, world.firebreak).driver.deliverOutbox(ws);
    workspaces.push(ws);
  }
  await settle(world); // the installs' own jobs (welcome DMs, App Homes) finish before the baselines
  const teamIds = new Set(workspaces.map((ws) => ws.team.id));
  const callsBefore = slack.state.runtime.calls.length;
  const d1Before = await d1Counters(worker, { attribute: spec.attribute ?? false });
  const cpuBefore = cpuSnapshot();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = Date.now();

  const declared: DeclaredIncident[] = [];
  const failures: string[] = [];
  let next = 0;
  const lanes = Array.from({ length: spec.concurrency }, async (_, i) => {
    const ws = workspaces[i % spec.workspaces] as SeededWorkspace;
    const person = 1 + Math.floor(i / spec.workspaces);
    const declarer = {
      ...world,
      lane: timedDriver(slack, world.firebreak),
      ws,
      user: `p${person}`,
      commander: `p${person + 1}`,
      timeoutMs: spec.timeoutMs ?? 30_000,
    };
    while (next < spec.incidents && failures.length < (spec.stopAfterFailures ?? Number.POSITIVE_INFINITY)) {
      const k = ++next;
      try {
        declared.push(await declareOne(declarer, `Checkout errors ${k}`));
      } catch (err) {
        failures.push(`incident ${k}: ${(err as Error).message}`);
      }
    }
  });
  await Promise.all(lanes);
  const wallMs = Date.now() - started;
  loop.disable();
  // Node records the gap between ticks of a 1 ms timer: lateness is that minus the 1 ms.
  const late = (ns: number) => Math.max(0, ns / 1e6 - 1);
  const eventLoopDelayMs = { p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) };
  await settle(world); // what the opens queued after "ready" (App Home, the last sync) is theirs too
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(), declared.length);
  const d1 = d1Between(d1Before, await d1Counters(worker, { attribute: false }));

  const calls = slack.state.runtime.calls.slice(callsBefore).filter((c) => c.teamId && teamIds.has(c.teamId));
  let responseUrlPosts = 0;
  for (const ws of workspaces) {
    for (const user of Object.values(ws.users)) {
      responseUrlPosts += (await slack.client.seen(ws, user.id)).filter(
        (s) => s.kind === "response_url" && s.at >= started,
      ).length;
    }
  }
  return {
    spec,
    declared: await withMilestones(worker, declared, calls),
    failures,
    wallMs,
    d1,
    calls: {
      total: calls.length,
      byMethod: tally(calls.map((c) => c.method)),
      notOk: tally(calls.filter((c) => !c.ok).map((c) => `${c.method} ${c.error ?? c.status}`)),
    },
    responseUrlPosts,
    cpu,
    eventLoopDelayMs,
  };
}

/** When each incident's channel was created, its summary pinned and its announcement posted. */
async function withMilestones(worker: URL, declared: DeclaredIncident[], calls: ApiCall[]) {
  const out: (DeclaredIncident & Milestones)[] = [];
  for (const incident of declared) {
    const [row] = await benchQuery<{ channel_id: string; channel_name: string; announcement_channel_id: string }>(
      worker,
      "SELECT channel_id, channel_name, announcement_channel_id FROM incidents WHERE id = ?",
      [incident.id],
    );
    const ok = calls.filter((c) => c.ok && c.teamId === incident.teamId);
    const announceKey = `incident:${incident.id}:announce`;
    out.push({
      ...incident,
      channelCreatedAt: ok.find((c) => c.method === "conversations.create" && c.args.name === row?.channel_name)?.at,
      summaryPinnedAt: ok.find((c) => c.method === "pins.add" && c.args.channel === row?.channel_id)?.at,
      announcedAt: ok.find(
        (c) =>
          c.method === "chat.postMessage" &&
          c.args.channel === row?.announcement_channel_id &&
          metadataKey(c.args.metadata) === announceKey,
      )?.at,
    });
  }
  return out;
}

/** chat.postMessage's metadata arrives as an object (JSON body) or a JSON string (form body). */
function metadataKey(metadata: unknown): string | undefined {
  const parsed = typeof metadata === "string" ? (JSON.parse(metadata) as unknown) : metadata;
  return (parsed as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
}

/** Waits until neither D1 nor Slack has seen anything new for half a second (at most 30 s). */
async function settle(world: World) {
  const reading = async () =>
    `${(await d1Counters(world.worker)).statements}/${world.slack.state.runtime.calls.length}`;
  const deadline = Date.now() + 30_000;
  let last = await reading();
  let quietSince = Date.now();
  while (Date.now() - quietSince < 500 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await reading();
    if (now !== last) quietSince = Date.now();
    last = now;
  }
}
