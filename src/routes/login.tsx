/**
 * Sign in with Slack: /login (a page), /login/slack (to Slack), /login/callback (state in D1
 * and in a signed cookie, nonce in the cookie), POST /logout.
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { database } from "../db/client";
import { AppError } from "../errors";
import { consumeState, issueState, STATE_TTL_MS } from "../installations/oauth-state";
import { toBase64Url } from "../lib/base64";
import { appUrl } from "../slack/slack-env";
import { Layout, NoticePage } from "../web/layout";
import { identityFromCode, oidcAuthorizeUrl } from "../web/oidc";
import {
  checkCsrf,
  newSession,
  openValue,
  readSession,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  sealValue,
} from "../web/session";
import { rememberTimeZone } from "../web/time-zone";

const LOGIN_COOKIE = "fb_oidc";
const cookieBase = { secure: true, httpOnly: true, sameSite: "Lax" as const };

/** Only same-site paths: `next` must never send someone off to another host. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : "/settings";
}

const callbackUrl = (env: Env) => `${appUrl(env)}/login/callback`;

export const login = new Hono<{ Bindings: Env }>()
  .get("/login", (c) => {
    const next = safeNext(c.req.query("next"));
    return c.html(
      <Layout title="Sign in">
        <section class="card notice">
          <h1>Sign in to Firebreak</h1>
          <p class="lede">
            Use your Slack account. Firebreak shows the settings and incidents of the workspace you sign in to.
          </p>
          <p class="actions">
            <a class="button primary" href={`/login/slack?next=${encodeURIComponent(next)}`}>
              Sign in with Slack
            </a>
          </p>
        </section>
      </Layout>,
    );
  })
  .get("/login/slack", async (c) => {
    const state = await issueState(database(c.env.DB));
    const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const sealed = await sealValue(c.env.SESSION_SECRET, { state, nonce, next: safeNext(c.req.query("next")) });
    setCookie(c, LOGIN_COOKIE, sealed, { ...cookieBase, path: "/login", maxAge: STATE_TTL_MS / 1000 });
    return c.redirect(oidcAuthorizeUrl(c.env, callbackUrl(c.env), state, nonce), 302);
  })
  .get("/login/callback", async (c) => {
    const pending = await openValue<{ state: string; nonce: string; next: string }>(
      c.env.SESSION_SECRET,
      getCookie(c, LOGIN_COOKIE),
    );
    deleteCookie(c, LOGIN_COOKIE, { path: "/login", secure: true });
    if (c.req.query("error")) {
      return c.html(
        <NoticePage
          title="Sign-in cancelled"
          tone="info"
          message="Slack did not sign you in, so you are not signed in to Firebreak."
          actions={[{ href: "/login", label: "Try again" }]}
        />,
      );
    }
    const state = c.req.query("state") ?? "";
    if (!pending || pending.state !== state || !(await consumeState(database(c.env.DB), state))) {
      throw new AppError(
        "invalid_state",
        "This sign-in link has expired or did not start in this browser. Please sign in again.",
      );
    }
    const identity = await identityFromCode(c.env, c.req.query("code") ?? "", callbackUrl(c.env), pending.nonce);
    const session = newSession({ ...identity, tz: await rememberTimeZone(c.env, identity) });
    setCookie(c, SESSION_COOKIE, await sealValue(c.env.SESSION_SECRET, session), {
      ...cookieBase,
      path: "/",
      maxAge: SESSION_TTL_SECONDS,
    });
    return c.redirect(safeNext(pending.next), 302);
  })
  .post("/logout", async (c) => {
    const session = await readSession(c.env.SESSION_SECRET, getCookie(c, SESSION_COOKIE));
    const form = await c.req.parseBody();
    if (
      session &&
      !(await checkCsrf(c.env.SESSION_SECRET, session, typeof form.csrf === "string" ? form.csrf : undefined))
    ) {
      throw new AppError("forbidden", "This form has expired. Reload the page and try again.");
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.html(
      <NoticePage
        title="Signed out"
        tone="info"
        message="You are signed out of Firebreak."
        actions={[{ href: "/login", label: "Sign in again" }]}
      />,
    );
  });
