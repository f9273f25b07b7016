/**
 * The timeline's listeners: the "Add to timeline" message shortcut, the timeline's page
 * buttons, and a reminder's Snooze button.
 */
import { eq } from "drizzle-orm";
import { incidents } from "../../db/schema";
import { incidentByChannel, incidentById, timelineOf } from "../../incidents/queries";
import { SNOOZE_MS } from "../../incidents/reminders";
import { ephemeral } from "../blocks/options-menu";
import { slackTime } from "../blocks/time";
import { timelineMessage } from "../blocks/timeline";
import { ACTION, SHORTCUT } from "../ids";
import { queueTimelineMessage } from "../incident-jobs";
import { postToResponseUrl } from "../response-url";
import type { SlackRouter } from "../router";
import { fromSlackText } from "../slack-text";
import { buttonIncidentId } from "./summary-actions";

const NOT_AN_INCIDENT = "That message isn't in an incident channel, so there is no timeline to add it to.";
const NOT_QUEUED = "I couldn't add that to the timeline just now. Please try the shortcut again in a minute.";

export function registerMemoryActions(router: SlackRouter) {
  router.shortcut(SHORTCUT.addToTimeline, {
    lazy: async ({ payload, ctx }) => {
      const channel = payload.channel.id;
      const incident = await incidentByChannel(ctx.db, ctx.teamId, channel);
      if (!incident) {
        await postToResponseUrl(ctx.env, payload.response_url, ephemeral(NOT_AN_INCIDENT));
        return;
      }
      const queued = await queueTimelineMessage(ctx, incident, {
        channel,
        ts: payload.message.ts,
        text: fromSlackText(payload.message.text ?? ""),
        authorId: payload.message.user,
        responseUrl: payload.response_url,
      });
      if (!queued) await postToResponseUrl(ctx.env, payload.response_url, ephemeral(NOT_QUEUED));
    },
  });

  router.action(new RegExp(`^${ACTION.timelinePage.replace(".", "\\.")}\\.`), {
    lazy: async ({ payload, ctx }) => {
      const action = payload.actions[0];
      const value = action && "value" in action && typeof action.value === "string" ? action.value : "";
      const [id, page] = value.split(":").map(Number);
      const incident = id ? await incidentById(ctx.db, id) : undefined;
      const url = "response_url" in payload ? payload.response_url : undefined;
      if (!incident || incident.teamId !== ctx.teamId || !url) return;
      await postToResponseUrl(
        ctx.env,
        url,
        timelineMessage(incident, await timelineOf(ctx.db, incident.id), page ?? 0),
      );
    },
  });

  router.action(ACTION.snooze, {
    lazy: async ({ payload, ctx }) => {
      const incident = await incidentById(ctx.db, buttonIncidentId(payload));
      if (!incident || incident.teamId !== ctx.teamId) return;
      const until = Date.now() + SNOOZE_MS;
      await ctx.db.update(incidents).set({ snoozedUntil: until }).where(eq(incidents.id, incident.id));
      const url = "response_url" in payload ? payload.response_url : undefined;
      if (!url) return;
      await postToResponseUrl(ctx.env, url, {
        replace_original: true,
        text: `Reminders for INC-${incident.number} snoozed until ${slackTime(until, "{time}")} by <@${ctx.userId}>.`,
      });
    },
  });
}
