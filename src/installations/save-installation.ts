import type { Db } from "../db/client";
import { installations } from "../db/schema";
import type { InstallationRow } from "./find-installation";
import { forgetInstallations } from "./installation-cache";
import type { TokenCipher } from "./token-crypto";

/** An installation as Slack hands it over, tokens in the clear (they are sealed on the way in). */
export interface InstallationRecord {
  enterpriseId?: string;
  enterpriseName?: string;
  teamId?: string;
  teamName?: string;
  isEnterpriseInstall: boolean;
  appId: string;
  botId?: string;
  botUserId?: string;
  botToken?: string;
  botScopes: string[];
  botRefreshToken?: string;
  botTokenExpiresAt?: number;
  installerUserId?: string;
  userToken?: string;
  userScopes: string[];
  userRefreshToken?: string;
  userTokenExpiresAt?: number;
  incomingWebhookChannelId?: string;
  incomingWebhookChannelName?: string;
}

const seal = (cipher: TokenCipher, token: string | undefined) =>
  token ? cipher.encrypt(token) : Promise.resolve(null);

/** Inserts the installation, or updates the workspace's row on reinstall (never a second row). */
export async function saveInstallation(db: Db, cipher: TokenCipher, record: InstallationRecord, now = Date.now()) {
  const [botTokenEnc, botRefreshTokenEnc, userTokenEnc, userRefreshTokenEnc] = await Promise.all([
    seal(cipher, record.botToken),
    seal(cipher, record.botRefreshToken),
    seal(cipher, record.userToken),
    seal(cipher, record.userRefreshToken),
  ]);
  const values = {
    enterpriseId: record.enterpriseId ?? "",
    enterpriseName: record.enterpriseName ?? null,
    teamId: record.isEnterpriseInstall ? "" : (record.teamId ?? ""),
    teamName: record.teamName ?? null,
    isEnterpriseInstall: record.isEnterpriseInstall,
    appId: record.appId,
    botId: record.botId ?? null,
    botUserId: record.botUserId ?? null,
    botTokenEnc,
    botScopes: record.botScopes.join(","),
    botRefreshTokenEnc,
    botTokenExpiresAt: record.botTokenExpiresAt ?? null,
    installerUserId: record.installerUserId ?? null,
    userTokenEnc,
    userScopes: record.userScopes.join(","),
    userRefreshTokenEnc,
    userTokenExpiresAt: record.userTokenExpiresAt ?? null,
    incomingWebhookChannelId: record.incomingWebhookChannelId ?? null,
    incomingWebhookChannelName: record.incomingWebhookChannelName ?? null,
    updatedAt: now,
  };
  const { enterpriseId, teamId, ...changes } = values;
  const [row] = await db
    .insert(installations)
    .values({ ...values, installedAt: now })
    .onConflictDoUpdate({
      target: [installations.enterpriseId, installations.teamId],
      // A reinstall refreshes everything Slack told us, and keeps the workspace's own settings.
      set: changes,
    })
    .returning();
  forgetInstallations();
  return row as InstallationRow;
}
