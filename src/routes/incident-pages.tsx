/**
 * The incidents pages, for members of the workspace (the session's) only: another workspace's
 * incident is "not found", so ids cannot be probed. A private incident's page is for the people
 * on it and the members of its channel (Slack says who); the list shows it without its title.
 */
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { type Db, database } from "../db/client";
import { postmortems } from "../db/schema";
import { AppError } from "../errors";
import type { Incident, IncidentEvent } from "../incidents/incident";
import { peopleOf } from "../incidents/people";
import { statusPhases } from "../incidents/phases";
import { postmortemMarkdown } from "../incidents/postmortem";
import { incidentById, recentIncidents, timelineOf } from "../incidents/queries";
import { asSeenBy, isOnIncident } from "../incidents/visibility";
import { namesFor } from "../jobs/user-names";
import { openWorkspace } from "../jobs/workspace";
import { logUnexpected } from "../lib/log";
import { slackCommand } from "../slack/slack-env";
import { IncidentListPage, IncidentPage } from "../web/pages/incident-pages";
import { layoutUser, requireSession, type WebEnv } from "../web/web-auth";

async function ownIncident(c: Context<WebEnv>, db: Db): Promise<Incident> {
  const id = Number(c.req.param("id"));
  const incident = Number.isInteger(id) && id > 0 ? await incidentById(db, id) : undefined;
  const session = c.get("session");
  if (!incident || incident.teamId !== session.teamId)
    throw new AppError("not_found", "There is no such incident in your workspace.");
  if (incident.isPrivate && !isOnIncident(incident, session.userId) && !(await inChannel(c, db, incident))) {
    throw new AppError("forbidden", `INC-${incident.number} is private: only the people in its channel can read it.`);
  }
  return incident;
}

/** Whether the signed-in person is in the incident's channel; if Slack can't say, they are not. */
async function inChannel(c: Context<WebEnv>, db: Db, incident: Incident): Promise<boolean> {
  if (!incident.channelId) return false;
  try {
    const ws = await openWorkspace(c.env, db, c.get("session"));
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const found = await ws.slack.conversations.members({ channel: incident.channelId, limit: 1000, cursor });
      if (found.members?.includes(c.get("session").userId)) return true;
      cursor = found.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
  } catch (err) {
    logUnexpected("private-incident-members", err, { incidentId: incident.id });
  }
  return false;
}

/** Display names for these people (cached; Slack asked only for the unknown ones). */
async function nameLookup(c: Context<WebEnv>, db: Db, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  let names = new Map<string, { name: string }>();
  try {
    names = await namesFor(db, await openWorkspace(c.env, db, c.get("session")), wanted);
  } catch {
    // Not installed any more: ids are shown as they are.
  }
  return (id: string | null | undefined) => (id ? (names.get(id)?.name ?? id) : "—");
}

/** The stored draft (written on resolve or by /incident postmortem), else one written from the timeline now. */
async function postmortemOf(db: Db, incident: Incident, events: IncidentEvent[], name: (id: string) => string) {
  const [stored] = await db.select().from(postmortems).where(eq(postmortems.incidentId, incident.id));
  if (stored?.markdown) return { markdown: stored.markdown, stored: true };
  const markdown = postmortemMarkdown({
    incident,
    events,
    nameOf: name,
    channelName: incident.channelName,
    generatedAt: Date.now(),
  });
  return { markdown, stored: false };
}

export const incidentPages = new Hono<WebEnv>()
  .use("/incidents", requireSession)
  .use("/incidents/*", requireSession)
  .get("/incidents", async (c) => {
    const db = database(c.env.DB);
    const session = c.get("session");
    const incidents = (await recentIncidents(db, [session.teamId])).map((i) => asSeenBy(i, session.userId));
    const name = await nameLookup(
      c,
      db,
      incidents.map((i) => i.commanderId),
    );
    return c.html(
      <IncidentListPage
        user={layoutUser(c)}
        incidents={incidents}
        name={name}
        tz={session.tz}
        now={Date.now()}
        command={slackCommand(c.env)}
      />,
    );
  })
  .get("/incidents/:id/postmortem.md", async (c) => {
    const db = database(c.env.DB);
    const incident = await ownIncident(c, db);
    const events = await timelineOf(db, incident.id);
    const { markdown } = await postmortemOf(db, incident, events, await nameLookup(c, db, peopleOf(incident, events)));
    c.header("content-type", "text/markdown; charset=utf-8");
    // A download (what the settings page promises), never sniffed into HTML: it holds Slack text.
    c.header("content-disposition", `attachment; filename="inc-${incident.number}-postmortem.md"`);
    c.header("x-content-type-options", "nosniff");
    return c.body(markdown);
  })
  .get("/incidents/:id", async (c) => {
    const db = database(c.env.DB);
    const session = c.get("session");
    const incident = await ownIncident(c, db);
    const events = await timelineOf(db, incident.id);
    const name = await nameLookup(c, db, peopleOf(incident, events));
    const postmortem = await postmortemOf(db, incident, events, name);
    return c.html(
      <IncidentPage
        user={layoutUser(c)}
        incident={incident}
        events={events}
        phases={statusPhases(incident, events)}
        name={name}
        tz={session.tz}
        now={Date.now()}
        postmortem={postmortem}
      />,
    );
  });
