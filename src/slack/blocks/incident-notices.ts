/** Short messages to the people driving an incident: progress, duties, and what went wrong. */
import type { ModalView } from "slack-edge";
import type { Incident } from "../../incidents/incident";
import { ROLE_DUTIES, ROLE_LABELS, type Role } from "../../incidents/model";
import type { PostContent } from "../../jobs/post-once";
import { incidentTitle } from "./incident-text";
import type { EphemeralMessage } from "./options-menu";
import { context, plain, section } from "./text";

/**
 * Shown to the declarer the moment the modal closes. It replaces what the response_url belongs
 * to (the options menu, when declared from its button), so the ready notice replaces it in turn.
 */
export function declaringNotice(incident: Incident): EphemeralMessage {
  return {
    response_type: "ephemeral",
    replace_original: true,
    text: `Declaring INC-${incident.number}…`,
    blocks: [section(`:hourglass_flowing_sand: Declaring *${incidentTitle(incident)}*… setting up the channel.`)],
  };
}

/**
 * What the Declare modal turns into when there is no response_url to tell the declarer through
 * (declared from App Home): the same "declaring" news, in the modal itself.
 */
export function declaringModal(incident: Incident): ModalView {
  return {
    type: "modal",
    title: plain("Incident declared"),
    close: plain("Close"),
    blocks: [
      section(
        `:hourglass_flowing_sand: *${incidentTitle(incident)}* is declared. Firebreak is setting up its channel.`,
      ),
      context("You will be invited to the channel in a moment; the summary is pinned there."),
    ],
  };
}

/** Replaces the notice above once the channel is ready. */
export function readyNotice(incident: Incident): EphemeralMessage {
  return {
    response_type: "ephemeral",
    replace_original: true,
    text: `INC-${incident.number} is open in #${incident.channelName}`,
    blocks: [
      section(`:white_check_mark: *${incidentTitle(incident)}* is open: <#${incident.channelId}>`),
      context("You and the commander are in the channel. The summary is pinned there."),
    ],
  };
}

/** Tells the declarer (or whoever acted) what Firebreak could not do, and what to try. */
export function failureNotice(incident: Incident, what: string, advice: string): PostContent {
  const text = `:warning: For *${incidentTitle(incident)}*, I couldn't ${what}. ${advice}`;
  return { text: text.replace(/[*:]/g, ""), blocks: [section(text)] };
}

export function roleDutiesMessage(incident: Incident, role: Role): PostContent {
  const where = incident.channelId ? ` in <#${incident.channelId}>` : "";
  const duties = ROLE_DUTIES[role].map((d) => `• ${d}`).join("\n");
  return {
    text: `You are the ${ROLE_LABELS[role]} of INC-${incident.number}`,
    blocks: [
      section(`:bust_in_silhouette: You are now the *${ROLE_LABELS[role]}* of *${incidentTitle(incident)}*${where}.`),
      section(`*Your duties*\n${duties}`),
    ],
  };
}
