/** The options menu's buttons: Declare incident, Open incidents, Help. */
import type { SlackApp } from "slack-edge";
import { openIncidents } from "../../incidents/queries";
import { declareModal } from "../blocks/declare-modal";
import { openIncidentsMessage } from "../blocks/incident-list";
import { optionsMenu } from "../blocks/options-menu";
import { ACTION } from "../ids";
import { openModal } from "../open-modal";
import { requestContext } from "../request-context";
import { postToResponseUrl } from "../response-url";
import type { SlackEnv } from "../slack-env";

export function registerMenuActions(app: SlackApp<SlackEnv>) {
  app.action(
    ACTION.declare,
    async () => {},
    async ({ payload, env, context }) => {
      const ctx = requestContext(env, context);
      const responseUrl = "response_url" in payload ? payload.response_url : undefined;
      const channelId = "channel" in payload ? payload.channel?.id : undefined;
      await openModal(
        ctx,
        payload.trigger_id,
        declareModal({ declarerId: payload.user.id, context: { responseUrl, channelId } }),
        responseUrl,
      );
    },
  );
  app.action(
    ACTION.listOpen,
    async () => {},
    async ({ payload, env, context }) => {
      const ctx = requestContext(env, context);
      if (!("response_url" in payload) || !payload.response_url) return;
      const list = openIncidentsMessage(await openIncidents(ctx.db, ctx.teamId), "/incident");
      await postToResponseUrl(env, payload.response_url, { ...list, replace_original: true });
    },
  );
  app.action(
    ACTION.help,
    async () => {},
    async ({ payload, env }) => {
      if (!("response_url" in payload) || !payload.response_url) return;
      await postToResponseUrl(env, payload.response_url, { ...optionsMenu("/incident"), replace_original: true });
    },
  );
}
