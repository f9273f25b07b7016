/**
 * Who may change a workspace's settings: its installer, or a Slack admin or owner of it —
 * asked of Slack (users.info) and remembered for five minutes.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { slackUsers } from "../db/schema";
import type { InstallationRow } from "../installations/find-installation";
import type { Workspace } from "../jobs/workspace";
import { classifySlackFailure } from "../slack/slack-failure";
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
  if (cached && Date.now() - cached.fetchedAt < PERMISSION_TTL_MS) return cached.isAdmin || cached.isOwner;
  try {
    const { user } = await ws.slack.users.info({ user: session.userId });
    const row = {
      teamId: session.teamId,
      userId: session.userId,
      name: user?.profile?.display_name || user?.real_name || user?.name || session.name,
      tz: user?.tz ?? null,
      isAdmin: user?.is_admin === true,
      isOwner: user?.is_owner === true,
      fetchedAt: Date.now(),
    };
    await db
      .insert(slackUsers)
      .values(row)
      .onConflictDoUpdate({ target: [slackUsers.teamId, slackUsers.userId], set: row });
    return (row.isAdmin || row.isOwner) && user?.deleted !== true;
  } catch (err) {
    // If Slack can't tell us, nobody but the installer gets to change anything.
    if (classifySlackFailure(err).kind === "other") throw err;
    return false;
  }
}
