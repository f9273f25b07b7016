/**
 * Sub-commands that act on the incident of the channel they are run in. Each does its D1
 * change in the request, queues the Slack side, and answers the person at once.
 */
import type { Applied } from "../../incidents/apply-change";
import { incidentRef, ROLE_LABELS, SEVERITY_LABELS, STATUS_LABELS } from "../../incidents/model";
import { incidentByChannel, timelineOf } from "../../incidents/queries";
import { assignRole } from "../../incidents/roles";
import { setSeverity } from "../../incidents/severity";
import { resolveIncident, setStatus } from "../../incidents/status";
import { addNote, postUpdate } from "../../incidents/updates";
import { type EphemeralMessage, ephemeral } from "../blocks/options-menu";
import { TIMELINE_PAGE_SIZE, timelineMessage } from "../blocks/timeline";
import { queueAfterChange, queuePostmortem } from "../incident-jobs";
import { checkAssignable } from "../members";
import type { RequestContext } from "../request-context";
import type { ParsedCommand } from "./parse-command";

export type IncidentCommand = Exclude<ParsedCommand, { name: "help" | "declare" | "list" }>;

/** The answer to a channel-scoped sub-command; "" when a modal opens instead. */
export async function runIncidentSubcommand(
  ctx: RequestContext,
  command: IncidentCommand,
  channelId: string,
  commandName: string,
  responseUrl?: string,
): Promise<EphemeralMessage | ""> {
  const incident = await incidentByChannel(ctx.db, ctx.teamId, channelId);
  if (!incident) {
    return ephemeral(
      `This isn't an incident channel. Run \`${commandName} ${command.name}\` in an incident's channel; \`${commandName} list\` shows the open ones.`,
    );
  }
  const ref = incidentRef(incident.number);
  switch (command.name) {
    case "status":
      await changed(ctx, await setStatus(ctx.db, incident.id, command.status, ctx.userId));
      return ephemeral(`:white_check_mark: ${ref} is now *${STATUS_LABELS[command.status]}*.`);
    case "severity":
      await changed(ctx, await setSeverity(ctx.db, incident.id, command.severity, ctx.userId));
      return ephemeral(`:white_check_mark: ${ref} is now *${SEVERITY_LABELS[command.severity]}*.`);
    case "role":
      await checkAssignable(ctx, command.userId);
      await changed(ctx, await assignRole(ctx.db, incident.id, command.role, command.userId, ctx.userId));
      return ephemeral(
        `:white_check_mark: <@${command.userId}> is the ${ROLE_LABELS[command.role].toLowerCase()} of ${ref}. I'll send them their duties.`,
      );
    case "update":
      await changed(ctx, await postUpdate(ctx.db, incident.id, command.text, ctx.userId));
      return ephemeral(`:white_check_mark: Update posted for ${ref}; the reminder clock is reset.`);
    case "note":
      await addNote(ctx.db, incident, command.text, ctx.userId);
      return ephemeral(`:white_check_mark: Added to ${ref}'s timeline.`);
    case "resolve":
      if (!command.summary && incident.status === "resolved") return ephemeral(`${ref} is already resolved.`);
      if (!command.summary) return "";
      await changed(ctx, await resolveIncident(ctx.db, incident.id, command.summary, ctx.userId));
      return ephemeral(`:white_check_mark: ${ref} is resolved.`);
    case "timeline": {
      const events = await timelineOf(ctx.db, incident.id);
      return timelineMessage(incident, events, Math.ceil(events.length / TIMELINE_PAGE_SIZE) - 1);
    }
    case "postmortem":
      await queuePostmortem(ctx, incident, responseUrl);
      return ephemeral(`:memo: Writing the postmortem draft for ${ref} from its timeline…`);
  }
}

async function changed(ctx: RequestContext, applied: Applied) {
  await queueAfterChange(ctx, applied);
}
