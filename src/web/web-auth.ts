/** Middleware for the web pages: who is signed in, and the CSRF check on every form post. */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../errors";
import { checkCsrf, csrfToken, readSession, SESSION_COOKIE, type Session } from "./session";

export interface WebVariables {
  session: Session;
  csrf: string;
}

export type WebEnv = { Bindings: Env; Variables: WebVariables };

/** Pages need a session: people without one are sent to sign in and brought back afterwards. */
export const requireSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  const session = await readSession(c.env.SESSION_SECRET, getCookie(c, SESSION_COOKIE));
  if (!session) {
    if (c.req.method !== "GET") throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
  }
  c.set("session", session);
  c.set("csrf", await csrfToken(c.env.SESSION_SECRET, session));
  await next();
};

/** Every state-changing form must carry this session's token. */
export const requireCsrf: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const form = await c.req.parseBody();
  const token = typeof form.csrf === "string" ? form.csrf : undefined;
  if (!(await checkCsrf(c.env.SESSION_SECRET, c.get("session"), token))) {
    throw new AppError(
      "forbidden",
      "This form has expired or did not come from Firebreak. Reload the page and try again.",
    );
  }
  await next();
};

/** The signed-in person, as the layout shows them. */
export function layoutUser(c: Context<WebEnv>) {
  const session = c.get("session");
  return { name: session.name, team: session.teamName, csrf: c.get("csrf") };
}
