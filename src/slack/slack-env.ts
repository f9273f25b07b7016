import type { SlackOAuthEnv } from "slack-edge";
import { BOT_SCOPES } from "./scopes";

/** The Worker's env as slack-edge wants to see it (it reads scopes and the redirect from env). */
export type SlackEnv = Env & SlackOAuthEnv;

export function slackEnv(env: Env): SlackEnv {
  return {
    ...env,
    SLACK_BOT_SCOPES: BOT_SCOPES.join(","),
    SLACK_USER_SCOPES: env.SLACK_USER_SCOPES,
    SLACK_REDIRECT_URI: `${appUrl(env)}/slack/oauth_redirect`,
  };
}

/** APP_URL without a trailing slash. */
export function appUrl(env: Pick<Env, "APP_URL">): string {
  return env.APP_URL.replace(/\/+$/, "");
}
