/** After an install: the installer's DM, and the notice in the channel picked on Slack's page. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { installerWelcome } from "../slack/blocks/notices";
import { appUrl } from "../slack/slack-env";
import { classifySlackFailure } from "../slack/slack-failure";
import { postChannelNotice } from "./channel-notice";
import { dmChannel } from "./direct-message";
import type { InstallWelcomeJob } from "./job";
import { done, type JobOutcome, stopped } from "./outcome";
import { postOnce } from "./post-once";
import { openWorkspace } from "./workspace";

export async function welcomeInstallation(env: Env, db: Db, job: InstallWelcomeJob): Promise<JobOutcome> {
  const [row] = await db.select().from(installations).where(eq(installations.id, job.installationId));
  if (!row) return stopped("installation is gone");
  const ws = await openWorkspace(env, db, { enterpriseId: row.enterpriseId, teamId: row.teamId });
  const channel = row.incomingWebhookChannelId ?? undefined;

  const installer = job.installedBy ?? row.installerUserId;
  if (installer) {
    const key = `welcome-dm:${row.id}:${job.installedAt}`;
    const dm = await dmChannel(db, ws, installer);
    await postOnce(
      db,
      ws,
      key,
      dm,
      installerWelcome({
        command: ws.command,
        teamName: row.teamName ?? row.enterpriseName ?? "your workspace",
        settingsUrl: `${appUrl(env)}/settings/messaging/slack`,
        announcementChannelId: channel,
      }),
    );
  }
  if (channel) {
    try {
      // Joining a public channel works with channels:join; a private one needs an invite.
      await ws.slack.conversations.join({ channel });
    } catch (err) {
      const failure = classifySlackFailure(err);
      if (failure.kind !== "rejected") throw err;
    }
    await postChannelNotice(db, ws, channel);
  }
  return done;
}
