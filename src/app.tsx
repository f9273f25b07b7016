/** The Hono app: one sub-app per route file, and the one place errors become responses. */
import { type Context, Hono } from "hono";
import { asAppError, statusOf } from "./errors";
import { logUnexpected } from "./lib/log";
import { assets } from "./routes/assets";
import { health } from "./routes/health";
import { incidentPages } from "./routes/incident-pages";
import { login } from "./routes/login";
import { settings } from "./routes/settings";
import { slackEvents } from "./routes/slack-events";
import { slackManifest } from "./routes/slack-manifest";
import { slackOAuth } from "./routes/slack-oauth";
import { NoticePage } from "./web/layout";

export const app = new Hono<{ Bindings: Env }>();

app.route("/", health);
app.route("/", assets);
app.route("/", slackManifest);
app.route("/", slackEvents);
app.route("/", slackOAuth);
app.route("/", login);
app.route("/", settings);
app.route("/", incidentPages);
app.get("/", (c) => c.redirect("/settings", 302));

/** Cloudflare's ray id when there is one: it is what operators search logs by. Made only for errors. */
function requestIdOf(c: Context): string {
  return c.req.header("cf-ray") ?? crypto.randomUUID();
}

/** Machines get JSON; people get a page. */
function wantsJson(path: string, accept: string | undefined): boolean {
  return (
    path === "/slack/events" || path === "/slack/manifest" || path === "/healthz" || !accept?.includes("text/html")
  );
}

app.notFound((c) => {
  if (wantsJson(c.req.path, c.req.header("accept"))) {
    return c.json({ error: { code: "not_found", message: "No such page.", requestId: requestIdOf(c) } }, 404);
  }
  return c.html(
    <NoticePage
      title="Page not found"
      tone="info"
      message="There is nothing at this address."
      actions={[{ href: "/settings", label: "Go to settings" }]}
    />,
    404,
  );
});

/** What people see of an internal error: never its details (they may name configuration). */
const INTERNAL_MESSAGE = asAppError(undefined).message;

app.onError((err, c) => {
  const error = asAppError(err);
  const status = statusOf(error.code);
  const message = error.code === "internal" ? INTERNAL_MESSAGE : error.message;
  const requestIdValue = requestIdOf(c);
  if (status >= 500) logUnexpected(`${c.req.method} ${c.req.path}`, err, { requestId: requestIdValue });
  // Slack retries failed deliveries; a request we refused on its merits will fail the same way again.
  if (status < 500 && c.req.path === "/slack/events") c.header("X-Slack-No-Retry", "1");
  if (wantsJson(c.req.path, c.req.header("accept"))) {
    return c.json({ error: { code: error.code, message, requestId: requestIdValue } }, status);
  }
  return c.html(
    <NoticePage
      title={status >= 500 ? "Something went wrong" : "That didn't work"}
      tone="error"
      message={`${message} (reference ${requestIdValue})`}
      actions={[{ href: "/settings", label: "Back to settings" }]}
    />,
    status,
  );
});
