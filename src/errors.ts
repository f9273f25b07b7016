/**
 * The one error type. Code raises `AppError` with a machine code and a message a person can act
 * on; the edges (app.onError for HTTP, toSlackText for Slack replies) map it once.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "bad_request"
  | "invalid_signature"
  | "payload_too_large"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_state"
  | "not_installed"
  | "reinstall_required"
  | "disabled"
  | "slack_error"
  | "internal";

/** An expected failure with a code; its message is safe to show to the person who caused it. */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** HTTP status for each code: exhaustive, so a new code cannot be forgotten here. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case "bad_request":
    case "invalid_state":
      return 400;
    case "invalid_signature":
    case "unauthorized":
      return 401;
    case "forbidden":
      return 403;
    case "not_found":
    case "not_installed":
      return 404;
    case "conflict":
    case "reinstall_required":
    case "disabled":
      return 409;
    case "payload_too_large":
      return 413;
    case "slack_error":
      return 502;
    case "internal":
      return 500;
  }
}

/** The AppError behind any thrown value; unknown errors become `internal` with a bland message. */
export function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("internal", "Something went wrong on our side. Please try again.", { cause: err });
}
