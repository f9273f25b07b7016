/**
 * The second half of OAuth v2: trade the code for tokens with oauth.v2.access, learn the bot's
 * own id with auth.test, and store the installation (one upsert: no partial row on failure).
 */
import { and, eq } from "drizzle-orm";
import type { OAuthV2AccessResponse } from "slack-edge";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { AppError } from "../errors";
import { logUnexpected } from "../lib/log";
import { SlackClient } from "../slack/client";
import { classifySlackFailure } from "../slack/slack-failure";
import { administers, slackUserRow } from "../slack/slack-user";
import type { InstallationRow } from "./find-installation";
import { revokeAtSlack } from "./revoke-at-slack";
import { saveInstallation } from "./save-installation";
import { tokenCipher } from "./token-crypto";

export interface CompletedInstall {
  installation: InstallationRow;
  /** The person who clicked Allow (who may not become the installer: see keepsInstaller). */
  installedBy?: string;
}

export async function completeInstall(env: Env, db: Db, code: string, redirectUri: string): Promise<CompletedInstall> {
  const now = Date.now();
  const access = await slackStep("exchange the code", () =>
    new SlackClient(env, undefined, "oauth").oauth.v2.access({
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri,
    }),
  );
  if (!access.access_token || !access.bot_user_id || !access.app_id) {
    throw new AppError("slack_error", "Slack's answer had no bot token. Check the app's bot scopes and try again.");
  }
  const auth = await slackStep("check the new token", () =>
    new SlackClient(env, access.access_token, "oauth").auth.test(),
  );
  const user = access.authed_user;
  const keepInstaller = await keepsInstaller(env, db, access, access.access_token);
  // A user token we will not keep is no use to anyone: Slack forgets it too.
  if (keepInstaller) await revokeAtSlack(env, user?.access_token);
  const installation = await saveInstallation(
    db,
    await tokenCipher(env),
    {
      enterpriseId: access.enterprise?.id,
      enterpriseName: access.enterprise?.name,
      teamId: access.team?.id,
      teamName: access.team?.name ?? auth.team,
      isEnterpriseInstall: access.is_enterprise_install === true,
      appId: access.app_id,
      botId: auth.bot_id,
      botUserId: access.bot_user_id,
      botToken: access.access_token,
      botScopes: splitScopes(access.scope),
      botRefreshToken: access.refresh_token,
      botTokenExpiresAt: access.expires_in ? now + access.expires_in * 1000 : undefined,
      installerUserId: user?.id,
      userToken: user?.access_token,
      userScopes: splitScopes(user?.scope),
      userRefreshToken: user?.refresh_token,
      userTokenExpiresAt: user?.expires_in ? now + user.expires_in * 1000 : undefined,
      incomingWebhookChannelId: access.incoming_webhook?.channel_id,
      incomingWebhookChannelName: access.incoming_webhook?.channel?.replace(/^#/, ""),
      keepInstaller,
    },
    now,
  );
  return { installation, installedBy: user?.id };
}

/**
 * Whether a reinstall leaves the installer as it was. The installer may change the settings, so
 * someone else reinstalling a live installation takes that over only if Slack says they
 * administer what it covers (the org, for an org-wide install); otherwise any member allowed to
 * add apps could make themselves its manager. After an uninstall or a disconnect, whoever
 * installs is the installer.
 */
async function keepsInstaller(env: Env, db: Db, access: OAuthV2AccessResponse, botToken: string): Promise<boolean> {
  const userId = access.authed_user?.id;
  const orgWide = access.is_enterprise_install === true;
  const [existing] = await db
    .select({ installerUserId: installations.installerUserId, botTokenEnc: installations.botTokenEnc })
    .from(installations)
    .where(
      and(
        eq(installations.enterpriseId, access.enterprise?.id ?? ""),
        eq(installations.teamId, orgWide ? "" : (access.team?.id ?? "")),
      ),
    );
  if (!existing?.botTokenEnc || !existing.installerUserId || !userId || existing.installerUserId === userId) {
    return false;
  }
  try {
    const { user } = await new SlackClient(env, botToken, "oauth").users.info({ user: userId });
    const teamId = access.team?.id ?? "";
    return !user || !administers(slackUserRow(teamId, userId, user, Date.now()), { isEnterpriseInstall: orgWide });
  } catch (err) {
    // If Slack can't say who they are, the installer stays who it was (and the install goes on).
    if (classifySlackFailure(err).kind === "other") logUnexpected("install-installer-check", err);
    return true;
  }
}

async function slackStep<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const failure = classifySlackFailure(err);
    const detail = failure.kind === "rejected" ? ` (Slack said: ${failure.error})` : "";
    throw new AppError("slack_error", `Slack could not ${what}${detail}. Nothing was installed; please try again.`, {
      cause: err,
    });
  }
}

function splitScopes(scope: string | undefined): string[] {
  return (scope ?? "").split(",").filter(Boolean);
}
