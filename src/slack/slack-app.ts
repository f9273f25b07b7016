/** The Slack router with every listener registered: built once per isolate. */
import { registerMemoryActions } from "./listeners/incident-memory-actions";
import { registerMenuActions } from "./listeners/menu-actions";
import { registerSlashCommand } from "./listeners/slash-command";
import { registerSummaryActions } from "./listeners/summary-actions";
import { registerViewSubmissions } from "./listeners/view-submissions";
import { SlackRouter } from "./router";

function build(): SlackRouter {
  const router = new SlackRouter();
  registerSlashCommand(router);
  registerMenuActions(router);
  registerSummaryActions(router);
  registerViewSubmissions(router);
  registerMemoryActions(router);
  return router;
}

export const slackRouter = build();
