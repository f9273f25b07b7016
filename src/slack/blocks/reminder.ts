/** The reminder posted in an incident channel when an update is overdue. */
import { formatDuration } from "../../incidents/duration";
import type { Incident } from "../../incidents/incident";
import type { PostContent } from "../../jobs/post-once";
import { ACTION } from "../ids";
import { incidentTitle } from "./incident-text";
import { plain, section } from "./text";

export function reminderMessage(incident: Incident, cadenceMinutes: number, now: number): PostContent {
  const quiet = formatDuration(now - incident.lastUpdateAt);
  const value = String(incident.id);
  if (!incident.commanderId) {
    return {
      text: `INC-${incident.number} has no commander`,
      blocks: [
        section(
          `:alarm_clock: *${incidentTitle(incident)}* has no commander, and no update for ${quiet}. Assign one so someone owns the response.`,
        ),
        {
          type: "actions",
          elements: [
            { type: "button", action_id: ACTION.assignRole, text: plain("Assign role"), value, style: "primary" },
          ],
        },
      ],
    };
  }
  return {
    text: `Reminder: INC-${incident.number} needs an update`,
    blocks: [
      section(
        `:alarm_clock: <@${incident.commanderId}>, *${incidentTitle(incident)}* has had no update for ${quiet} (${incident.severity} asks for one every ${formatDuration(cadenceMinutes * 60_000)}). Post one so everyone stays informed.`,
      ),
      {
        type: "actions",
        elements: [
          { type: "button", action_id: ACTION.postUpdate, text: plain("Post update"), value, style: "primary" },
          { type: "button", action_id: ACTION.snooze, text: plain("Snooze 30 min"), value },
        ],
      },
    ],
  };
}
