/** The small modals behind the summary's buttons; each carries the incident id in private_metadata. */
import type { ModalView } from "slack-edge";
import type { Incident } from "../../incidents/incident";
import { ROLE_LABELS, ROLES, STATUS_LABELS, STATUSES } from "../../incidents/model";
import { INPUT, VIEW } from "../ids";
import { severityOptions } from "./declare-modal";
import { context, plain } from "./text";

function modal(
  callbackId: string,
  title: string,
  submit: string,
  incident: Incident,
  blocks: ModalView["blocks"],
): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    title: plain(title),
    submit: plain(submit),
    close: plain("Cancel"),
    private_metadata: String(incident.id),
    blocks: [context(`*INC-${incident.number}* · ${incident.title.replace(/[<>&]/g, "")}`), ...blocks],
  };
}

const option = (text: string, value: string) => ({ text: plain(text), value });

/** A required select input whose block_id and action_id are `id`, preselecting `initial`. */
function selectInput(id: string, label: string, options: ReturnType<typeof option>[], initial: string | undefined) {
  return {
    type: "input" as const,
    block_id: id,
    label: plain(label),
    element: {
      type: "static_select" as const,
      action_id: id,
      options,
      initial_option: options.find((o) => o.value === initial) ?? options[0],
    },
  };
}

export function statusModal(incident: Incident): ModalView {
  const options = STATUSES.map((s) => option(STATUS_LABELS[s], s));
  return modal(VIEW.status, "Update status", "Update", incident, [
    selectInput(INPUT.status, "Status", options, incident.status),
  ]);
}

export function severityModal(incident: Incident): ModalView {
  return modal(VIEW.severity, "Change severity", "Change", incident, [
    selectInput(INPUT.severity, "Severity", severityOptions(), incident.severity),
  ]);
}

export function roleModal(incident: Incident): ModalView {
  const options = ROLES.map((r) => option(ROLE_LABELS[r], r));
  return modal(VIEW.role, "Assign role", "Assign", incident, [
    selectInput(INPUT.role, "Role", options, undefined),
    {
      type: "input",
      block_id: INPUT.person,
      label: plain("Person"),
      element: { type: "users_select", action_id: INPUT.person },
    },
  ]);
}

export function updateModal(incident: Incident): ModalView {
  return modal(VIEW.update, "Post update", "Post", incident, [
    {
      type: "input",
      block_id: INPUT.update,
      label: plain("Update"),
      hint: plain("Posted here and under the announcement. Resets the reminder clock."),
      element: { type: "plain_text_input", action_id: INPUT.update, multiline: true, max_length: 3000 },
    },
  ]);
}

export function resolveModal(incident: Incident): ModalView {
  return modal(VIEW.resolve, "Resolve incident", "Resolve", incident, [
    {
      type: "input",
      block_id: INPUT.resolution,
      label: plain("What fixed it?"),
      hint: plain("A sentence or two for the announcement and the postmortem."),
      element: { type: "plain_text_input", action_id: INPUT.resolution, multiline: true, max_length: 2000 },
    },
  ]);
}
