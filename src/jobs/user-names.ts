/** Display names (and admin flags, time zones) of Slack users, cached in D1 for a day. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { slackUsers } from "../db/schema";
import { classifySlackFailure } from "../slack/slack-failure";
import { type SlackUserRow, slackUserRow } from "../slack/slack-user";
import type { Workspace } from "./workspace";

const FRESH_MS = 24 * 60 * 60 * 1000;

/** Looks each person up (Slack only for those not cached); unknown people keep their id as name. */
export async function namesFor(
  db: Db,
  ws: Workspace,
  userIds: string[],
  now = Date.now(),
): Promise<Map<string, SlackUserRow>> {
  const wanted = [...new Set(userIds.filter(Boolean))];
  const found = new Map<string, SlackUserRow>();
  if (!wanted.length) return found;
  // D1 binds at most 100 parameters per statement; a long incident can name more people.
  for (let i = 0; i < wanted.length; i += 90) {
    const cached = await db
      .select()
      .from(slackUsers)
      .where(and(eq(slackUsers.teamId, ws.teamId), inArray(slackUsers.userId, wanted.slice(i, i + 90))));
    for (const row of cached) if (now - row.fetchedAt < FRESH_MS) found.set(row.userId, row);
  }
  for (const userId of wanted.filter((u) => !found.has(u)).slice(0, 30)) {
    try {
      const { user } = await ws.slack.users.info({ user: userId });
      if (!user) continue;
      const row = slackUserRow(ws.teamId, userId, user, now);
      await db
        .insert(slackUsers)
        .values(row)
        .onConflictDoUpdate({ target: [slackUsers.teamId, slackUsers.userId], set: row });
      found.set(userId, row);
    } catch (err) {
      // A name is a nicety: a person Slack won't describe keeps their id.
      if (classifySlackFailure(err).kind === "other") throw err;
    }
  }
  return found;
}
