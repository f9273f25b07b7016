import type { Incident } from "../../incidents/incident";
import type { PostContent } from "../../jobs/post-once";
import { incidentTitle } from "./incident-text";
import { context, section } from "./text";

/** Posted once in the incident channel when the first draft exists. */
export function postmortemLink(incident: Incident, url: string, command: string): PostContent {
  return {
    text: `Postmortem draft for INC-${incident.number}: ${url}`,
    blocks: [
      section(`:memo: *Postmortem draft for ${incidentTitle(incident)}* is ready: <${url}|open it as Markdown>.`),
      context(
        `Written from the timeline: phases, severity history, roles, updates. \`${command} postmortem\` rewrites it after more notes.`,
      ),
    ],
  };
}
