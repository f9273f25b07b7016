/**
 * The install flow, owned here rather than by slack-edge's SlackOAuthApp (whose state store
 * accepts any state, whose cookie has no SameSite, and whose authorize URL ignores
 * SLACK_BASE_URL): a one-time state in D1 bound to a cookie, then oauth.v2.access.
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { database } from "../db/client";
import { AppError } from "../errors";
import { completeInstall } from "../installations/complete-install";
import { consumeState, issueState, STATE_TTL_MS } from "../installations/oauth-state";
import { enqueue } from "../jobs/job";
import { logUnexpected } from "../lib/log";
import { BOT_SCOPES, userScopes } from "../slack/scopes";
import { appUrl } from "../slack/slack-env";
import { NoticePage } from "../web/layout";

const STATE_COOKIE = "fb_oauth_state";
const SETTINGS_PAGE = "/settings/messaging/slack";

export const slackOAuth = new Hono<{ Bindings: Env }>()
  .get("/slack/install", async (c) => {
    const state = await issueState(database(c.env.DB));
    setCookie(c, STATE_COOKIE, state, {
      path: "/slack",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
      maxAge: STATE_TTL_MS / 1000,
    });
    const authorize = new URL(`${c.env.SLACK_BASE_URL.replace(/\/+$/, "")}/oauth/v2/authorize`);
    authorize.search = new URLSearchParams({
      client_id: c.env.SLACK_CLIENT_ID,
      scope: BOT_SCOPES.join(","),
      user_scope: userScopes(c.env.SLACK_USER_SCOPES).join(","),
      redirect_uri: redirectUri(c.env),
      state,
    }).toString();
    return c.redirect(authorize.toString(), 302);
  })
  .get("/slack/oauth_redirect", async (c) => {
    const db = database(c.env.DB);
    const state = c.req.query("state") ?? "";
    const cookie = getCookie(c, STATE_COOKIE) ?? "";
    deleteCookie(c, STATE_COOKIE, { path: "/slack", secure: true });
    const retry = [
      { href: "/slack/install", label: "Try again" },
      { href: SETTINGS_PAGE, label: "Back to settings" },
    ];

    if (c.req.query("error")) {
      if (state) await consumeState(db, state);
      const denied = c.req.query("error") === "access_denied";
      return c.html(
        <NoticePage
          title={denied ? "Installation cancelled" : "Slack did not install Firebreak"}
          tone="info"
          message={
            denied
              ? "You cancelled on Slack's page, so nothing was installed. You can start again whenever you are ready."
              : `Slack reported "${c.req.query("error")}". Nothing was installed.`
          }
          actions={retry}
        />,
        denied ? 200 : 400,
      );
    }
    if (!state || !cookie || !timingSafeEqual(state, cookie)) {
      throw new AppError(
        "invalid_state",
        "This installation link does not belong to this browser. Start the installation again from the settings page.",
      );
    }
    if (!(await consumeState(db, state))) {
      throw new AppError(
        "invalid_state",
        "This installation link has expired or was already used. Please start again.",
      );
    }
    const code = c.req.query("code");
    if (!code) throw new AppError("bad_request", "Slack's redirect had no code. Please start the installation again.");

    const { installation, installedBy } = await completeInstall(c.env, db, code, redirectUri(c.env));
    try {
      await enqueue(c.env, {
        type: "install_welcome",
        installationId: installation.id,
        installedAt: installation.updatedAt,
        installedBy,
      });
    } catch (err) {
      // The install itself succeeded; a missing welcome must not turn it into an error page.
      logUnexpected("install-welcome-enqueue", err);
    }
    return c.redirect(`${SETTINGS_PAGE}?installed=1`, 302);
  });

function redirectUri(env: Env): string {
  return `${appUrl(env)}/slack/oauth_redirect`;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
