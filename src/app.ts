/** The Hono app: one sub-app per route file, and the one place errors become responses. */
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { asAppError, statusOf } from "./errors";
import { logUnexpected } from "./lib/log";
import { health } from "./routes/health";
import { slackEvents } from "./routes/slack-events";
import { slackManifest } from "./routes/slack-manifest";

export const app = new Hono<{ Bindings: Env }>();

app.use(requestId());
app.route("/", health);
app.route("/", slackManifest);
app.route("/", slackEvents);

app.notFound((c) =>
  c.json({ error: { code: "not_found", message: "No such page.", requestId: c.get("requestId") } }, 404),
);

app.onError((err, c) => {
  const error = asAppError(err);
  const status = statusOf(error.code);
  if (status >= 500) logUnexpected(`${c.req.method} ${c.req.path}`, err, { requestId: c.get("requestId") });
  // Slack retries failed deliveries; a request we refused on its merits will fail the same way again.
  if (status < 500 && c.req.path === "/slack/events") c.header("X-Slack-No-Retry", "1");
  return c.json({ error: { code: error.code, message: error.message, requestId: c.get("requestId") } }, status);
});
