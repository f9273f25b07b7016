/** How an error thrown inside a job becomes its ack or retry. */
import { AppError } from "../errors";
import { classifySlackFailure } from "../slack/slack-failure";
import { EffectBusyError } from "./effects";
import { backoffSeconds, failed, type JobOutcome, retryIn } from "./outcome";

/** The outcome for a failure, or undefined for an unexpected error (the consumer retries and logs it). */
export function outcomeOfFailure(err: unknown, attempts: number): JobOutcome | undefined {
  if (err instanceof EffectBusyError) return retryIn(err.retryAfterSeconds, "another worker holds the claim");
  if (
    err instanceof AppError &&
    (err.code === "not_installed" || err.code === "reinstall_required" || err.code === "conflict")
  ) {
    return failed(err.code);
  }
  const failure = classifySlackFailure(err);
  switch (failure.kind) {
    case "rate_limited":
      return retryIn(failure.retryAfterSeconds, "rate limited");
    case "ambiguous":
      return retryIn(backoffSeconds(attempts), failure.reason);
    case "rejected":
      return failed(`slack: ${failure.error}`);
    case "other":
      return undefined;
  }
}
