/**
 * slack-edge's router for slash commands and interactivity. It only ever sees requests our
 * strict check verified (routes/slack-events.ts); it resolves the installation from D1 and
 * calls the listener, which acks fast and queues the rest.
 */
import { SlackApp } from "slack-edge";
import { D1InstallationStore } from "../installations/installation-store";
import { answerAuthorizeError, disabledWorkspaceGuard } from "./authorize-errors";
import { registerMemoryActions } from "./listeners/incident-memory-actions";
import { registerMenuActions } from "./listeners/menu-actions";
import { registerSlashCommand } from "./listeners/slash-command";
import { registerSummaryActions } from "./listeners/summary-actions";
import { registerViewSubmissions } from "./listeners/view-submissions";
import { type SlackEnv, slackEnv } from "./slack-env";

export function buildSlackApp(env: Env): SlackApp<SlackEnv> {
  const app = new SlackApp<SlackEnv>({
    env: slackEnv(env),
    authorize: new D1InstallationStore(env).toAuthorize(),
    authorizeErrorHandler: answerAuthorizeError,
  });
  app.use(disabledWorkspaceGuard);
  registerSlashCommand(app);
  registerMenuActions(app);
  registerSummaryActions(app);
  registerViewSubmissions(app);
  registerMemoryActions(app);
  return app;
}
