/** Writes the postmortem draft from the timeline, stores it, and links it in the incident channel. */
import type { Db } from "../db/client";
import { postmortems } from "../db/schema";
import { peopleOf } from "../incidents/people";
import { postmortemMarkdown } from "../incidents/postmortem";
import { incidentById, timelineOf } from "../incidents/queries";
import { postmortemLink } from "../slack/blocks/postmortem-link";
import { postToResponseUrl } from "../slack/response-url";
import { appUrl } from "../slack/slack-env";
import { once } from "./effects";
import type { PostmortemJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { namesFor } from "./user-names";
import { openWorkspace } from "./workspace";

export async function writePostmortem(env: Env, db: Db, job: PostmortemJob): Promise<JobOutcome> {
  const incident = await incidentById(db, job.incidentId);
  if (!incident) return stopped("incident is gone");
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
  const events = await timelineOf(db, incident.id);
  const names = await namesFor(db, ws, peopleOf(incident, events));
  const now = Date.now();
  const markdown = postmortemMarkdown({
    incident,
    events,
    nameOf: (id) => names.get(id)?.name ?? id,
    channelName: incident.channelName,
    generatedAt: now,
  });
  await db
    .insert(postmortems)
    .values({ incidentId: incident.id, markdown, generatedAt: now, generatedBy: job.requestedBy })
    .onConflictDoUpdate({
      target: postmortems.incidentId,
      set: { markdown, generatedAt: now, generatedBy: job.requestedBy },
    });

  const url = `${appUrl(env)}/incidents/${incident.id}/postmortem.md`;
  if (incident.channelId) {
    const channel = incident.channelId;
    await postOnce(
      db,
      ws,
      `incident:${incident.id}:postmortem-link`,
      channel,
      postmortemLink(incident, url, ws.command),
    );
    await once(db, {
      key: `incident:${incident.id}:postmortem-bookmark`,
      teamId: ws.teamId,
      perform: async () =>
        (await ws.slack.bookmarks.add({ channel_id: channel, title: "Postmortem draft", type: "link", link: url }))
          .bookmark?.id ?? "",
    });
  }
  if (job.responseUrl) {
    // A courtesy: the draft is written and linked whether or not Slack takes this.
    await postToResponseUrl(env, job.responseUrl, {
      response_type: "ephemeral",
      text: `:memo: The postmortem draft for INC-${incident.number} is up to date: ${url}`,
    }).catch(() => false);
  }
  return done;
}
