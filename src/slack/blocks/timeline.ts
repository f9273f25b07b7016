/** `/incident timeline`: the entries, oldest first, a page at a time, times in the viewer's zone. */
import type { AnyMessageBlock } from "slack-edge";
import { type Incident, type IncidentEvent, parseEventData } from "../../incidents/incident";
import { ROLE_LABELS } from "../../incidents/model";
import { ACTION } from "../ids";
import { incidentTitle, person } from "./incident-text";
import type { EphemeralMessage } from "./options-menu";
import { clip, context, plain, section, userText } from "./text";
import { slackTime } from "./time";

export const TIMELINE_PAGE_SIZE = 25;
const PER_SECTION = 5;

/** One entry as a line of mrkdwn. */
export function timelineLine(event: IncidentEvent): string {
  const data = parseEventData(event);
  const when = slackTime(event.occurredAt, "{date_short} {time}");
  let what = userText(clip(event.text, 280));
  if (event.kind === "role" && data.role) what = `${ROLE_LABELS[data.role]}: ${person(data.to)}`;
  if (event.kind === "update") what = `:mega: ${what}`;
  if (data.source) {
    const author = data.source.authorId ? `${person(data.source.authorId)}: ` : "";
    what = `${author}${what}${data.source.permalink ? ` (<${data.source.permalink}|message>)` : ""}`;
  }
  const by = event.actorId && !data.source ? ` · ${person(event.actorId)}` : "";
  return `${when}${by} · ${what}`;
}

/** Page `page` (0: the first entries). */
export function timelineMessage(incident: Incident, events: IncidentEvent[], page: number): EphemeralMessage {
  const pages = Math.max(1, Math.ceil(events.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const slice = events.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE);
  const blocks: AnyMessageBlock[] = [{ type: "header", text: plain(`Timeline · INC-${incident.number}`) }];
  blocks.push(context(`*${incidentTitle(incident)}* · ${events.length} entries · page ${current + 1} of ${pages}`));
  for (let i = 0; i < slice.length; i += PER_SECTION) {
    blocks.push(
      section(
        slice
          .slice(i, i + PER_SECTION)
          .map(timelineLine)
          .join("\n"),
      ),
    );
  }
  const nav = [
    ...(current > 0 ? [{ label: "‹ Earlier", page: current - 1 }] : []),
    ...(current < pages - 1 ? [{ label: "Later ›", page: current + 1 }] : []),
  ];
  if (nav.length) {
    blocks.push({
      type: "actions",
      elements: nav.map((n) => ({
        type: "button" as const,
        action_id: `${ACTION.timelinePage}.${n.page}`,
        text: plain(n.label),
        value: `${incident.id}:${n.page}`,
      })),
    });
  }
  return { response_type: "ephemeral", replace_original: true, text: `Timeline of INC-${incident.number}`, blocks };
}
