/**
 * How a workspace that cannot be served (not installed, revoked, turned off) is told so when
 * someone clicks or submits: a modal keeps its form and shows the reason under its first field;
 * a click on a message gets an ephemeral answer through its response_url. Silence would look
 * like a broken button.
 */
import { plain, section } from "./blocks/text";
import type { SlackInteraction } from "./router";

export interface Refusal {
  /** The HTTP answer. */
  body?: object;
  /** Where to post the reason after answering, if Slack gave us a response_url. */
  responseUrl?: string;
}

interface ViewLike {
  blocks?: { type?: string; block_id?: string }[];
}

export function refuseInteraction(interaction: SlackInteraction, text: string): Refusal {
  if (interaction.kind === "command") return { body: { response_type: "ephemeral", text } };
  const p = interaction.payload as { type?: string; view?: ViewLike; response_url?: string };
  if (p.type === "view_submission") {
    const field = p.view?.blocks?.find((b) => b.type === "input" && b.block_id)?.block_id;
    return field
      ? { body: { response_action: "errors", errors: { [field]: text.slice(0, 2000) } } }
      : {
          body: {
            response_action: "update",
            view: { type: "modal", title: plain("Firebreak"), close: plain("Close"), blocks: [section(text)] },
          },
        };
  }
  return { responseUrl: typeof p.response_url === "string" ? p.response_url : undefined };
}
