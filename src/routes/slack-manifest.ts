import { Hono } from "hono";
import { appManifest } from "../slack/manifest";
import { appUrl } from "../slack/slack-env";

/** GET /slack/manifest: the app manifest for this deployment's APP_URL (`?command=/inc` renames the command). */
export const slackManifest = new Hono<{ Bindings: Env }>().get("/slack/manifest", (c) => {
  const requested = c.req.query("command");
  const command = requested && /^\/[a-z0-9_-]{1,31}$/.test(requested) ? requested : "/incident";
  return c.json(appManifest(appUrl(c.env), command));
});
