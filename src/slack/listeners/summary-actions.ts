/** The pinned summary's buttons (and a reminder's Post update): each opens a small modal. */
import type { ModalView } from "slack-edge";
import type { Incident } from "../../incidents/incident";
import { incidentById } from "../../incidents/queries";
import { resolveModal, roleModal, severityModal, statusModal, updateModal } from "../blocks/change-modals";
import { ACTION } from "../ids";
import { openModal } from "../open-modal";
import type { BlockActionPayload, SlackRouter } from "../router";

const MODALS: [string, (incident: Incident) => ModalView][] = [
  [ACTION.updateStatus, statusModal],
  [ACTION.changeSeverity, severityModal],
  [ACTION.assignRole, roleModal],
  [ACTION.postUpdate, updateModal],
  [ACTION.resolve, resolveModal],
];

/** The incident id a button carries in its value. */
export function buttonIncidentId(payload: BlockActionPayload): number {
  const action = payload.actions[0];
  return Number(action && "value" in action ? action.value : Number.NaN);
}

export function registerSummaryActions(router: SlackRouter) {
  for (const [actionId, build] of MODALS) {
    router.action(actionId, {
      lazy: async ({ payload, ctx }) => {
        const id = buttonIncidentId(payload);
        const incident = Number.isInteger(id) ? await incidentById(ctx.db, id) : undefined;
        // Only the workspace the incident belongs to may act on it.
        if (!incident || incident.teamId !== ctx.teamId) return;
        const responseUrl = "response_url" in payload ? payload.response_url : undefined;
        await openModal(ctx, payload.trigger_id, build(incident), responseUrl);
      },
    });
  }
}
