import type { SlackOAuthEnv } from "slack-edge";

/** The Worker's env as slack-edge's InstallationStore types it. */
export type SlackEnv = Env & SlackOAuthEnv;

/** APP_URL without a trailing slash. */
export function appUrl(env: Pick<Env, "APP_URL">): string {
  return env.APP_URL.replace(/\/+$/, "");
}
