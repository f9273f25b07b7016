/**
 * Logging for the unexpected only. Never pass request bodies, tokens or env here: only the
 * error's name, message and stack, which our own code keeps free of secrets.
 */
export function logUnexpected(where: string, err: unknown, details: Record<string, unknown> = {}) {
  const error = err instanceof Error ? err : new Error(String(err));
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  console.error(JSON.stringify({ level: "error", where, error: `${error.name}: ${error.message}`, cause, ...details }));
}
