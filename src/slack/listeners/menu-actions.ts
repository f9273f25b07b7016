/** The options menu's buttons (Declare incident, Open incidents, Help) and App Home's Declare. */
import { openIncidents } from "../../incidents/queries";
import { asSeenBy } from "../../incidents/visibility";
import { declareModal } from "../blocks/declare-modal";
import { openIncidentsMessage } from "../blocks/incident-list";
import { optionsMenu } from "../blocks/options-menu";
import { ACTION } from "../ids";
import { openModal } from "../open-modal";
import { postToResponseUrl } from "../response-url";
import type { BlockActionPayload, SlackRouter } from "../router";

const responseUrlOf = (payload: BlockActionPayload) => ("response_url" in payload ? payload.response_url : undefined);

/** The slash command's name, carried in the button's value (a menu from older messages has none). */
function commandOf(payload: BlockActionPayload): string {
  const action = payload.actions[0];
  const value = action && "value" in action && typeof action.value === "string" ? action.value : "";
  return /^\/[a-z0-9_-]{1,31}$/.test(value) ? value : "/incident";
}

export function registerMenuActions(router: SlackRouter) {
  router.action(ACTION.declare, {
    lazy: async ({ payload, ctx }) => {
      const responseUrl = responseUrlOf(payload);
      const channelId = "channel" in payload ? payload.channel?.id : undefined;
      const modal = declareModal({ declarerId: ctx.userId, context: { responseUrl, channelId } });
      await openModal(ctx, payload.trigger_id, modal, responseUrl);
    },
  });
  router.action(ACTION.listOpen, {
    lazy: async ({ payload, ctx }) => {
      const url = responseUrlOf(payload);
      if (!url) return;
      const list = openIncidentsMessage(
        (await openIncidents(ctx.db, ctx.teamId)).map((i) => asSeenBy(i, ctx.userId)),
        commandOf(payload),
      );
      await postToResponseUrl(ctx.env, url, { ...list, replace_original: true });
    },
  });
  router.action(ACTION.help, {
    lazy: async ({ payload, ctx }) => {
      const url = responseUrlOf(payload);
      if (url) await postToResponseUrl(ctx.env, url, { ...optionsMenu(commandOf(payload)), replace_original: true });
    },
  });
}
