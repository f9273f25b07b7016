/**
 * Closed-loop load with autocannon: N keep-alive connections, each sending the next request as
 * soon as the last answer arrives. Every response's latency goes into our own HDR histogram in
 * microseconds (autocannon's keeps whole milliseconds, too coarse for sub-ms p50s, and has no
 * p95). Runs in this process, on the same 2 cores as workerd: one thread, replaying fixed bytes.
 */
import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";
import { type CpuUse, cpuBetween, cpuSnapshot } from "./cpu";
import type { SignedRequest } from "./slack";

/** Anything slower than this is a failure for Slack: it gives up on an ack after 3 s. */
export const SLACK_ACK_DEADLINE_MS = 3000;

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Socket errors and timeouts: requests that never got an answer. */
  errors: number;
  over3s: number;
  statusCodes: Record<string, number>;
  /** Null off Linux. */
  cpu: CpuUse | null;
}

export interface LoadOptions {
  url: URL;
  request: SignedRequest;
  connections: number;
  seconds: number;
}

export function runLoad({ url, request, connections, seconds }: LoadOptions): Promise<LoadResult> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let over3s = 0;
  let before: ReturnType<typeof cpuSnapshot>;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(request.path, url).toString(),
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections,
        pipelining: 1,
        duration: seconds,
        // Well past Slack's 3 s, so a slow answer is measured rather than cut off.
        timeout: 10,
      },
      (err, result) => {
        if (err) return reject(err);
        const cpu = cpuBetween(before, cpuSnapshot(), histogram.totalCount);
        const errors = result.errors;
        resolve({
          connections,
          seconds: result.duration,
          requests: histogram.totalCount,
          rps: histogram.totalCount / result.duration,
          latencyMs: {
            p50: histogram.getValueAtPercentile(50) / 1000,
            p95: histogram.getValueAtPercentile(95) / 1000,
            p99: histogram.getValueAtPercentile(99) / 1000,
            max: histogram.maxValue / 1000,
            mean: histogram.mean / 1000,
          },
          non2xx,
          errors,
          over3s: over3s + result.timeouts,
          statusCodes,
          cpu,
        });
      },
    );
    // From the first request on, so connection setup is not counted as anyone's load.
    instance.on("start", () => {
      before = cpuSnapshot();
    });
    instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
      histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) non2xx++;
      if (responseTimeMs > SLACK_ACK_DEADLINE_MS) over3s++;
    });
  });
}
