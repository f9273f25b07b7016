/**
 * Who may change a workspace's settings: its installer, or a Slack admin or owner of what the
 * installation covers (the workspace; the whole org for an org-wide install) — asked of Slack
 * (users.info) and remembered for five minutes.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { slackUsers } from "../db/schema";
import type { InstallationRow } from "../installations/find-installation";
import type { Workspace } from "../jobs/workspace";
import { classifySlackFailure } from "../slack/slack-failure";
import { administers, slackUserRow } from "../slack/slack-user";
import type { Session } from "./session";

const PERMISSION_TTL_MS = 5 * 60 * 1000;

export async function canManage(
  db: Db,
  ws: Workspace | undefined,
  installation: InstallationRow | undefined,
  session: Session,
) {
  if (!installation) return true; // nothing to protect yet; Slack decides who may install
  if (installation.installerUserId === session.userId) return true;
  if (!ws) return false;
  const [cached] = await db
    .select()
    .from(slackUsers)
    .where(and(eq(slackUsers.teamId, session.teamId), eq(slackUsers.userId, session.userId)));
  if (cached && Date.now() - cached.fetchedAt < PERMISSION_TTL_MS) return administers(cached, installation);
  try {
    const { user } = await ws.slack.users.info({ user: session.userId });
    if (!user) return false;
    const row = slackUserRow(session.teamId, session.userId, user, Date.now());
    await db
      .insert(slackUsers)
      .values(row)
      .onConflictDoUpdate({ target: [slackUsers.teamId, slackUsers.userId], set: row });
    return administers(row, installation);
  } catch (err) {
    // If Slack can't tell us, nobody but the installer gets to change anything.
    if (classifySlackFailure(err).kind === "other") throw err;
    return false;
  }
}

/** Who canManage lets in, said the way the page and the refusal say it. */
export function managersSentence(orgWide: boolean): string {
  return orgWide
    ? "Only this organization's Slack admins and owners, or the person who installed Firebreak,"
    : "Only this workspace's admins, owners or the person who installed Firebreak";
}
