/** The declare scenario's figures: per-run summaries for people (tables) and machines (JSON). */
import type { Meter } from "./counted-d1";
import type { RunResult } from "./declare-run";
import { OTHER_LOAD_WARNING_CORES } from "./report";
import { type Summary, summarize } from "./stats";

const ms = (n: number) => (Number.isNaN(n) ? "n/a" : n < 10 ? n.toFixed(2) : n.toFixed(1));

/** Milliseconds after the view_submission was sent (the person clicking Declare). */
function since(r: RunResult, pick: (i: RunResult["declared"][number]) => number | undefined): Summary {
  return summarize(
    r.declared.flatMap((i) => {
      const at = pick(i);
      return at === undefined ? [] : [at - i.submission.sentAt];
    }),
  );
}

export function summarizeRun(r: RunResult) {
  const n = r.declared.length || 1;
  const perIncident = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((v / n) * 100) / 100]));
  return {
    ...r.spec,
    ready: r.declared.length,
    failures: r.failures,
    wallSeconds: r.wallMs / 1000,
    /** Submission sent → D1 open_state = 'ready' (the headline), and the Slack-visible steps before it. */
    readyMs: since(r, (i) => i.readyAt),
    channelCreatedMs: since(r, (i) => i.channelCreatedAt),
    summaryPinnedMs: since(r, (i) => i.summaryPinnedAt),
    announcedMs: since(r, (i) => i.announcedAt),
    modalMs: summarize(r.declared.map((i) => i.modalMs)),
    ackMs: {
      declareCommand: summarize(r.declared.map((i) => i.command.ackMs)),
      viewSubmission: summarize(r.declared.map((i) => i.submission.ackMs)),
    },
    slackCallsPerIncident: r.calls.total / n,
    slackCallsByMethodPerIncident: perIncident(r.calls.byMethod),
    slackCallsNotOk: r.calls.notOk,
    responseUrlPostsPerIncident: r.responseUrlPosts / n,
    d1StatementsPerIncident: r.d1.statements / n,
    d1RoundTripsPerIncident: r.d1.roundTrips / n,
    d1ByStatementPerIncident: perIncident(r.d1.byStatement),
    d1ByOrigin: r.d1.byOrigin,
    /** Per incident, by handler: the request path (command + submission) and the jobs. */
    d1ByHandlerPerIncident: {
      requests: perMeter(r.d1.byHandler.fetch, n),
      jobs: perMeter(r.d1.byHandler.queue, n),
      cron: perMeter(r.d1.byHandler.cron, n),
    },
    cpu: r.cpu && { ...r.cpu, serverCpuMsPerIncident: r.cpu.serverCpuUsPerRequest / 1000 },
    clientEventLoopDelayMs: r.eventLoopDelayMs,
  };
}

export type RunSummary = ReturnType<typeof summarizeRun>;

const round = (x: number) => Math.round(x * 100) / 100;
function perMeter(m: Meter, n: number) {
  return {
    statements: round(m.statements / n),
    roundTrips: round(m.roundTrips / n),
    d1WaitMs: round(m.d1WaitMs / n),
    queueSends: round(m.queueSends / n),
    queueWaitMs: round(m.queueWaitMs / n),
  };
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(fmt(r));
}

export function printRuns(runs: RunSummary[]) {
  const spec = (s: RunSummary) =>
    `${s.name} (${s.ready}/${s.incidents}, ${s.concurrency} at a time, ${s.workspaces} ws, limits ${s.rateLimits ? "on" : "off"})`;
  console.log("\nSubmission sent → ready (D1 open_state = 'ready'), ms:");
  table(
    ["run", "p50", "p95", "p99", "max", "mean"],
    runs.map((s) => [
      spec(s),
      ms(s.readyMs.p50),
      ms(s.readyMs.p95),
      ms(s.readyMs.p99),
      ms(s.readyMs.max),
      ms(s.readyMs.mean),
    ]),
  );
  console.log("\nSteps on the way (p50 / p99 ms after the submission was sent), acks (p50 / p99 ms):");
  const pair = (x: Summary) => `${ms(x.p50)} / ${ms(x.p99)}`;
  table(
    ["run", "channel", "pinned", "announced", "ready", "modal open", "cmd ack", "submit ack", "client loop lag"],
    runs.map((s) => [
      s.name,
      pair(s.channelCreatedMs),
      pair(s.summaryPinnedMs),
      pair(s.announcedMs),
      pair(s.readyMs),
      pair(s.modalMs),
      pair(s.ackMs.declareCommand),
      pair(s.ackMs.viewSubmission),
      `${ms(s.clientEventLoopDelayMs.p50)} / ${ms(s.clientEventLoopDelayMs.p99)}`,
    ]),
  );
  console.log(
    "\nPer incident (D1 round trips: requests + jobs; waits: what the two requests spent waiting on D1 / on JOBS):",
  );
  table(
    [
      "run",
      "Slack calls",
      "resp_url posts",
      "not ok",
      "D1 stmts",
      "D1 round trips",
      "req waits ms",
      "srv CPU ms",
      "srv/cli/other cores",
    ],
    runs.map((s) => {
      const { requests, jobs } = s.d1ByHandlerPerIncident;
      return [
        s.name,
        s.slackCallsPerIncident.toFixed(2),
        s.responseUrlPostsPerIncident.toFixed(2),
        String(Object.values(s.slackCallsNotOk).reduce((a, b) => a + b, 0)),
        s.d1StatementsPerIncident.toFixed(2),
        `${s.d1RoundTripsPerIncident.toFixed(2)} (${requests.roundTrips} + ${jobs.roundTrips})`,
        `${requests.d1WaitMs} / ${requests.queueWaitMs}`,
        s.cpu ? s.cpu.serverCpuMsPerIncident.toFixed(1) : "n/a",
        s.cpu ? [s.cpu.serverCores, s.cpu.clientCores, s.cpu.otherCores].map((c) => c.toFixed(2)).join("/") : "n/a",
      ];
    }),
  );
  for (const s of runs) {
    if (Object.keys(s.slackCallsNotOk).length)
      console.log(`${s.name}: calls not ok: ${JSON.stringify(s.slackCallsNotOk)}`);
    for (const f of s.failures.slice(0, 5)) console.log(`${s.name}: FAILED ${f}`);
  }
  const busy = runs.filter((s) => (s.cpu?.otherCores ?? 0) > OTHER_LOAD_WARNING_CORES);
  if (busy.length) {
    console.log(
      `WARNING: other processes used over ${OTHER_LOAD_WARNING_CORES} of a core during ${busy.map((s) => s.name).join(", ")}: ` +
        "latencies there are inflated. Rerun on a quiet machine.",
    );
  }
}

/** A probe's one incident, call by call. */
export function printProbeCalls(s: RunSummary) {
  console.log(`\nOne incident (${s.name}), Slack Web API calls by method (${s.slackCallsPerIncident} in all):`);
  for (const [method, n] of Object.entries(s.slackCallsByMethodPerIncident))
    console.log(`  ${String(n).padStart(3)}  ${method}`);
  console.log(`  plus ${s.responseUrlPostsPerIncident} response_url posts (the declarer's notices; not Web API calls)`);
}

/** The probe's one incident, call by call and statement by statement. */
export function printProbe(s: RunSummary) {
  printProbeCalls(s);
  console.log(
    `\nOne incident, D1: ${s.d1StatementsPerIncident} statements in ${s.d1RoundTripsPerIncident} round trips, by statement:`,
  );
  for (const [k, n] of Object.entries(s.d1ByStatementPerIncident)) console.log(`  ${String(n).padStart(3)}  ${k}`);
  console.log("by invocation › Firebreak caller:");
  for (const [k, n] of Object.entries(s.d1ByOrigin)) console.log(`  ${String(n).padStart(3)}  ${k}`);
}
