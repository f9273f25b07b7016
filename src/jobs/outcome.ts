/** How a job ended: every handler says whether its message is acked or retried, and why. */
export type JobOutcome =
  | { kind: "done" }
  /** Nothing (more) to do: the incident is gone, the event is not ours. Acked. */
  | { kind: "stopped"; reason: string }
  /** Failed for good (Slack refused, the install was revoked): acked and dead-lettered, with the reason. */
  | { kind: "failed"; reason: string }
  | { kind: "retry"; delaySeconds: number; reason: string };

export const done: JobOutcome = { kind: "done" };

export const stopped = (reason: string): JobOutcome => ({ kind: "stopped", reason });

export const failed = (reason: string): JobOutcome => ({ kind: "failed", reason });

export const retryIn = (delaySeconds: number, reason: string): JobOutcome => ({
  kind: "retry",
  delaySeconds: Math.max(0, Math.ceil(delaySeconds)),
  reason,
});

/** Exponential backoff for transient failures: 1, 2, 4 … seconds, capped at a minute (Slack hiccups are short). */
export function backoffSeconds(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}
