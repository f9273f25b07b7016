/** The pinned summary's buttons: each opens a small modal for its incident. */
import type { ModalView, SlackApp } from "slack-edge";
import type { Incident } from "../../incidents/incident";
import { incidentById } from "../../incidents/queries";
import { resolveModal, roleModal, severityModal, statusModal, updateModal } from "../blocks/change-modals";
import { ACTION } from "../ids";
import { openModal } from "../open-modal";
import { requestContext } from "../request-context";
import type { SlackEnv } from "../slack-env";

const MODALS: [string, (incident: Incident) => ModalView][] = [
  [ACTION.updateStatus, statusModal],
  [ACTION.changeSeverity, severityModal],
  [ACTION.assignRole, roleModal],
  [ACTION.postUpdate, updateModal],
  [ACTION.resolve, resolveModal],
];

export function registerSummaryActions(app: SlackApp<SlackEnv>) {
  for (const [actionId, build] of MODALS) {
    app.action(
      actionId,
      async () => {},
      async ({ payload, env, context }) => {
        const ctx = requestContext(env, context);
        const action = payload.actions.find((a) => a.action_id === actionId);
        const id = Number(action && "value" in action ? action.value : Number.NaN);
        const incident = Number.isInteger(id) ? await incidentById(ctx.db, id) : undefined;
        // Only the workspace the incident belongs to may act on it.
        if (!incident || incident.teamId !== ctx.teamId) return;
        const responseUrl = "response_url" in payload ? payload.response_url : undefined;
        await openModal(ctx, payload.trigger_id, build(incident), responseUrl);
      },
    );
  }
}
