/**
 * The root slash command, whatever name it is registered under. Answers that need nothing
 * slow come back in the request; a modal opens in the lazy half; incident work is queued.
 */
import type { SlashCommand } from "slack-edge";
import { incidentByChannel, openIncidents } from "../../incidents/queries";
import { asSeenBy } from "../../incidents/visibility";
import { resolveModal } from "../blocks/change-modals";
import { declareModal } from "../blocks/declare-modal";
import { openIncidentsMessage } from "../blocks/incident-list";
import { optionsMenu } from "../blocks/options-menu";
import { runIncidentSubcommand } from "../commands/incident-subcommands";
import { parseCommand } from "../commands/parse-command";
import { openModal } from "../open-modal";
import type { SlackRouter } from "../router";
import { fromSlackText } from "../slack-text";

export function registerSlashCommand(router: SlackRouter) {
  router.command({
    ack: async ({ payload, ctx }) => {
      const parsed = parseCommand(fromSlackText(payload.text ?? ""), payload.command);
      if (!parsed.ok) return optionsMenu(payload.command, parsed.problem);
      const command = parsed.command;
      switch (command.name) {
        case "help":
          return optionsMenu(payload.command);
        case "declare":
          return "";
        case "list":
          return openIncidentsMessage(
            (await openIncidents(ctx.db, ctx.teamId)).map((i) => asSeenBy(i, ctx.userId)),
            payload.command,
          );
        default:
          return runIncidentSubcommand(ctx, command, payload.channel_id, payload.command, payload.response_url);
      }
    },
    lazy: async ({ payload, ctx }) => {
      const parsed = parseCommand(fromSlackText(payload.text ?? ""), payload.command);
      if (!parsed.ok) return;
      if (parsed.command.name === "declare") {
        await openModal(
          ctx,
          payload.trigger_id,
          declareModal(declareArgs(payload, parsed.command.title)),
          payload.response_url,
        );
      }
      if (parsed.command.name === "resolve" && !parsed.command.summary) {
        const incident = await incidentByChannel(ctx.db, ctx.teamId, payload.channel_id);
        if (incident && incident.status !== "resolved") {
          await openModal(ctx, payload.trigger_id, resolveModal(incident), payload.response_url);
        }
      }
    },
  });
}

function declareArgs(payload: SlashCommand, title: string) {
  return {
    title,
    declarerId: payload.user_id,
    context: { responseUrl: payload.response_url, channelId: payload.channel_id },
  };
}
