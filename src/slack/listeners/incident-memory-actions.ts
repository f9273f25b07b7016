/**
 * The timeline's listeners: the "Add to timeline" message shortcut, the timeline's page
 * buttons, and a reminder's Snooze button.
 */
import { and, eq } from "drizzle-orm";
import type { SlackApp } from "slack-edge";
import { incidents } from "../../db/schema";
import { incidentByChannel, incidentById, timelineOf } from "../../incidents/queries";
import { SNOOZE_MS } from "../../incidents/reminders";
import { ephemeral } from "../blocks/options-menu";
import { slackTime } from "../blocks/time";
import { timelineMessage } from "../blocks/timeline";
import { ACTION, SHORTCUT } from "../ids";
import { queueTimelineMessage } from "../incident-jobs";
import { requestContext } from "../request-context";
import { postToResponseUrl } from "../response-url";
import type { SlackEnv } from "../slack-env";

export function registerMemoryActions(app: SlackApp<SlackEnv>) {
  app.shortcut(
    SHORTCUT.addToTimeline,
    async () => {},
    async ({ payload, env, context }) => {
      if (payload.type !== "message_action") return;
      const ctx = requestContext(env, context);
      const channel = payload.channel.id;
      const incident = await incidentByChannel(ctx.db, ctx.teamId, channel);
      if (!incident) {
        await postToResponseUrl(
          env,
          payload.response_url,
          ephemeral("That message isn't in an incident channel, so there is no timeline to add it to."),
        );
        return;
      }
      await queueTimelineMessage(ctx, incident, {
        channel,
        ts: payload.message.ts,
        text: payload.message.text ?? "",
        authorId: payload.message.user,
        responseUrl: payload.response_url,
      });
    },
  );

  app.action(
    new RegExp(`^${ACTION.timelinePage.replace(".", "\\.")}\\.`),
    async () => {},
    async ({ payload, env, context }) => {
      const ctx = requestContext(env, context);
      const action = payload.actions[0];
      const [id, page] = (action && "value" in action ? (action.value ?? "") : "").split(":").map(Number);
      const incident = id ? await incidentById(ctx.db, id) : undefined;
      if (!incident || incident.teamId !== ctx.teamId || !("response_url" in payload) || !payload.response_url) return;
      await postToResponseUrl(
        env,
        payload.response_url,
        timelineMessage(incident, await timelineOf(ctx.db, incident.id), page ?? 0),
      );
    },
  );

  app.action(
    ACTION.snooze,
    async () => {},
    async ({ payload, env, context }) => {
      const ctx = requestContext(env, context);
      const action = payload.actions[0];
      const incident = await incidentById(ctx.db, Number(action && "value" in action ? action.value : Number.NaN));
      if (!incident || incident.teamId !== ctx.teamId) return;
      const until = Date.now() + SNOOZE_MS;
      await ctx.db
        .update(incidents)
        .set({ snoozedUntil: until })
        .where(and(eq(incidents.id, incident.id)));
      if ("response_url" in payload && payload.response_url) {
        await postToResponseUrl(env, payload.response_url, {
          replace_original: true,
          text: `Reminders for INC-${incident.number} snoozed until ${slackTime(until, "{time}")} by <@${ctx.userId}>.`,
        });
      }
    },
  );
}
