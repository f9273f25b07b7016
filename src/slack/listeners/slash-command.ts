/**
 * The root slash command, whatever name it is registered under. Answers that need nothing
 * slow are returned in the request; anything slow is queued.
 */
import type { SlackApp } from "slack-edge";
import { optionsMenu } from "../blocks/options-menu";
import { parseCommand } from "../commands/parse-command";
import { errorReply } from "../reply-errors";
import type { SlackEnv } from "../slack-env";

export function registerSlashCommand(app: SlackApp<SlackEnv>) {
  app.command(/.*/, async ({ payload }) => {
    try {
      const parsed = parseCommand(payload.text ?? "", payload.command);
      if (!parsed.ok) return optionsMenu(payload.command, parsed.problem);
      switch (parsed.command.name) {
        case "help":
          return optionsMenu(payload.command);
        default:
          return optionsMenu(payload.command);
      }
    } catch (err) {
      return errorReply(err, "slash-command");
    }
  });
}
