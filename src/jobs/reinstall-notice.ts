/** The installer's DM when Slack refuses Firebreak's refresh token: reinstall before the token dies. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { reinstallNotice } from "../slack/blocks/notices";
import { appUrl } from "../slack/slack-env";
import { dmChannel } from "./direct-message";
import { done, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { openWorkspace } from "./workspace";

export async function sendReinstallNotice(env: Env, db: Db, installationId: number): Promise<JobOutcome> {
  const [row] = await db.select().from(installations).where(eq(installations.id, installationId));
  if (!row?.installerUserId || row.tokenStatus !== "refresh_failed") return stopped("nothing to tell");
  if (!row.botTokenExpiresAt || row.botTokenExpiresAt < Date.now()) return stopped("the token is already gone");
  const ws = await openWorkspace(env, db, { enterpriseId: row.enterpriseId, teamId: row.teamId });
  const dm = await dmChannel(db, ws, row.installerUserId);
  const content = reinstallNotice({
    teamName: row.teamName ?? row.enterpriseName ?? "your workspace",
    expiresAt: row.botTokenExpiresAt,
    settingsUrl: `${appUrl(env)}/settings/messaging/slack`,
  });
  await postOnce(db, ws, `reinstall-notice:${row.id}:${row.botTokenExpiresAt}`, dm, content);
  return done;
}
