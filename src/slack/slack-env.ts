import type { SlackOAuthEnv } from "slack-edge";

/** The Worker's env as slack-edge's InstallationStore types it. */
export type SlackEnv = Env & SlackOAuthEnv;

/** APP_URL without a trailing slash. */
export function appUrl(env: Pick<Env, "APP_URL">): string {
  return env.APP_URL.replace(/\/+$/, "");
}

export const DEFAULT_COMMAND = "/incident";
export const COMMAND_NAME = /^\/[a-z0-9_-]{1,31}$/;

/** The slash command people type (SLACK_COMMAND, as registered in the Slack app). */
export function slackCommand(env: Partial<Pick<Env, "SLACK_COMMAND">>): string {
  const configured = env.SLACK_COMMAND?.trim() ?? "";
  return COMMAND_NAME.test(configured) ? configured : DEFAULT_COMMAND;
}
