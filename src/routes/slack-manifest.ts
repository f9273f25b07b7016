import { Hono } from "hono";
import { appManifest } from "../slack/manifest";
import { appUrl, COMMAND_NAME, slackCommand } from "../slack/slack-env";

/**
 * GET /slack/manifest: the app manifest for this deployment's APP_URL and SLACK_COMMAND
 * (`?command=/inc` previews another name; set SLACK_COMMAND to match what you register).
 */
export const slackManifest = new Hono<{ Bindings: Env }>().get("/slack/manifest", (c) => {
  const requested = c.req.query("command");
  const command = requested && COMMAND_NAME.test(requested) ? requested : slackCommand(c.env);
  return c.json(appManifest(appUrl(c.env), command));
});
