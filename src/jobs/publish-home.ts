/**
 * App Home is republished when incidents change (this job, queued after each change), only
 * for the people whose home shows something else, and never on every open.
 */
import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { homeViewers } from "../db/schema";
import { openIncidents } from "../incidents/queries";
import { asSeenBy } from "../incidents/visibility";
import { toBase64Url } from "../lib/base64";
import { appHomeView } from "../slack/blocks/app-home";
import { appUrl } from "../slack/slack-env";
import type { HomePublishJob } from "./job";
import { done, type JobOutcome } from "./outcome";
import { openWorkspace, type Workspace } from "./workspace";

/** Most people at once; the rest catch up on the next change or their next open. */
const MAX_PER_RUN = 100;

export async function publishHome(env: Env, db: Db, job: HomePublishJob): Promise<JobOutcome> {
  const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
  // One view for every viewer (so an unchanged home is not republished): private incidents
  // appear as such, without their titles, even to the people on them.
  const open = (await openIncidents(db, job.teamId)).map((incident) => asSeenBy(incident));
  const view = appHomeView(open, `${appUrl(env)}/settings`, ws.command);
  const hash = await hashOf(view);
  const stale = or(isNull(homeViewers.viewHash), ne(homeViewers.viewHash, hash));
  const who = job.userId ? and(eq(homeViewers.userId, job.userId), stale) : stale;
  const viewers = await db
    .select()
    .from(homeViewers)
    .where(and(eq(homeViewers.teamId, job.teamId), who))
    .limit(MAX_PER_RUN);
  for (const viewer of viewers) await publishFor(db, ws, viewer.userId, view, hash);
  return done;
}

/** Remembers that someone opened App Home (so changes reach them later). */
export async function noteHomeViewer(db: Db, teamId: string, userId: string, now = Date.now()) {
  await db
    .insert(homeViewers)
    .values({ teamId, userId, seenAt: now })
    .onConflictDoUpdate({ target: [homeViewers.teamId, homeViewers.userId], set: { seenAt: now } });
}

async function publishFor(db: Db, ws: Workspace, userId: string, view: ReturnType<typeof appHomeView>, hash: string) {
  await ws.slack.views.publish({ user_id: userId, view });
  await db
    .update(homeViewers)
    .set({ viewHash: hash })
    .where(and(eq(homeViewers.teamId, ws.teamId), eq(homeViewers.userId, userId)));
}

async function hashOf(view: object): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(view)));
  return toBase64Url(new Uint8Array(digest)).slice(0, 22);
}
