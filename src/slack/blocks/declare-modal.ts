/** The Declare incident modal, and reading its submission back. */
import type { ModalView } from "slack-edge";
import { DEFAULT_SEVERITY, SEVERITIES, SEVERITY_LABELS, type Severity, TITLE_MAX_LENGTH } from "../../incidents/model";
import { INPUT, VIEW } from "../ids";
import { plain } from "./text";
import { input, type StateValues } from "./view-state";

/** Carried through the modal: where to tell the declarer how it went. */
export interface DeclareContext {
  responseUrl?: string;
  channelId?: string;
}

export function severityOptions() {
  return SEVERITIES.map((s) => ({ text: plain(SEVERITY_LABELS[s]), value: s }));
}

export function declareModal(args: { title?: string; declarerId: string; context: DeclareContext }): ModalView {
  const severity = severityOptions().find((o) => o.value === DEFAULT_SEVERITY);
  return {
    type: "modal",
    callback_id: VIEW.declare,
    title: plain("Declare incident"),
    submit: plain("Declare"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(args.context),
    blocks: [
      {
        type: "input",
        block_id: INPUT.title,
        label: plain("Title"),
        element: {
          type: "plain_text_input",
          action_id: INPUT.title,
          max_length: TITLE_MAX_LENGTH,
          placeholder: plain("What is broken, in a few words"),
          ...(args.title ? { initial_value: [...args.title].slice(0, TITLE_MAX_LENGTH).join("") } : {}),
        },
      },
      {
        type: "input",
        block_id: INPUT.severity,
        label: plain("Severity"),
        element: {
          type: "static_select",
          action_id: INPUT.severity,
          options: severityOptions(),
          initial_option: severity,
        },
      },
      {
        type: "input",
        block_id: INPUT.summary,
        optional: true,
        label: plain("Summary"),
        element: {
          type: "plain_text_input",
          action_id: INPUT.summary,
          multiline: true,
          max_length: 2000,
          placeholder: plain("What do we know? Who is affected?"),
        },
      },
      {
        type: "input",
        block_id: INPUT.commander,
        label: plain("Incident commander"),
        element: { type: "users_select", action_id: INPUT.commander, initial_user: args.declarerId },
      },
      {
        type: "input",
        block_id: INPUT.private,
        optional: true,
        label: plain("Visibility"),
        element: {
          type: "checkboxes",
          action_id: INPUT.private,
          options: [
            {
              text: plain("Private incident"),
              description: plain("Only invited people can see the incident channel"),
              value: "private",
            },
          ],
        },
      },
    ],
  };
}

export interface DeclareSubmission {
  title: string;
  severity: Severity;
  summary: string;
  commanderId?: string;
  isPrivate: boolean;
  context: DeclareContext;
}

/** The submitted values; anything missing or malformed reads as empty, for validation to catch. */
export function readDeclareSubmission(values: StateValues, privateMetadata: string | undefined): DeclareSubmission {
  const get = (id: string) => input(values, id);
  return {
    title: get(INPUT.title)?.value ?? "",
    severity: (get(INPUT.severity)?.selected_option?.value ?? "") as Severity,
    summary: get(INPUT.summary)?.value ?? "",
    commanderId: get(INPUT.commander)?.selected_user ?? undefined,
    isPrivate: (get(INPUT.private)?.selected_options ?? []).some((o) => o.value === "private"),
    context: readContext(privateMetadata),
  };
}

export function readContext(privateMetadata: string | undefined): DeclareContext {
  try {
    const parsed = JSON.parse(privateMetadata || "{}") as DeclareContext;
    return {
      responseUrl: typeof parsed.responseUrl === "string" ? parsed.responseUrl : undefined,
      channelId: typeof parsed.channelId === "string" ? parsed.channelId : undefined,
    };
  } catch {
    return {};
  }
}
