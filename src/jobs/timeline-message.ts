/** Adds a message to the timeline (once), keeping its time, author and permalink; tells whoever asked. */
import type { Db } from "../db/client";
import { incidentById } from "../incidents/queries";
import { addMessageToTimeline } from "../incidents/sourced-entry";
import { postToResponseUrl } from "../slack/response-url";
import { fromSlackText } from "../slack/slack-text";
import type { TimelineMessageJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { openWorkspace } from "./workspace";

export async function addTimelineMessage(env: Env, db: Db, job: TimelineMessageJob): Promise<JobOutcome> {
  const incident = await incidentById(db, job.incidentId);
  if (!incident || incident.channelId !== job.channel) return stopped("not an incident channel");
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
  let message = job.message;
  if (!message) {
    const exactly = { channel: job.channel, latest: job.ts, oldest: job.ts, inclusive: true, limit: 1 };
    const history = await ws.slack.conversations.history(exactly);
    // A reply in a thread is not in the channel's history; conversations.replies finds it by its ts.
    const found =
      history.messages?.find((m) => m.ts === job.ts) ??
      (await ws.slack.conversations.replies({ ...exactly, ts: job.ts })).messages?.find((m) => m.ts === job.ts);
    if (!found) return stopped("message not found");
    message = { text: fromSlackText(found.text ?? ""), authorId: found.user };
  }
  const { permalink } = await ws.slack.chat.getPermalink({ channel: job.channel, message_ts: job.ts });
  const { added } = await addMessageToTimeline(
    db,
    incident,
    { channel: job.channel, ts: job.ts, permalink, ...message },
    job.actorId,
  );
  const text = added
    ? `:pushpin: Added to INC-${incident.number}'s timeline, at the message's own time.`
    : `That message is already on INC-${incident.number}'s timeline.`;
  if (job.responseUrl) await postToResponseUrl(env, job.responseUrl, { response_type: "ephemeral", text });
  else if (added) await ws.slack.chat.postEphemeral({ channel: job.channel, user: job.actorId, text });
  return done;
}
