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
  /** A reinstall by someone who may not take the installation over: the installer and their user token stay. */
  keepInstaller?: boolean;
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
  const userSide = {
    installerUserId: record.installerUserId ?? null,
    authorizedAt: now,
    // Whoever may manage it authorized it just now (the Connect form needs Enable switched on):
    // on it is. A reinstall that keeps the installer leaves the switch as it was.
    enabled: true,
    userTokenEnc,
    userScopes: record.userScopes.join(","),
    userRefreshTokenEnc,
    userTokenExpiresAt: record.userTokenExpiresAt ?? null,
  };
  const botSide = {
    enterpriseName: record.enterpriseName ?? null,
    teamName: record.teamName ?? null,
    isEnterpriseInstall: record.isEnterpriseInstall,
    appId: record.appId,
    botId: record.botId ?? null,
    botUserId: record.botUserId ?? null,
    botTokenEnc,
    botScopes: record.botScopes.join(","),
    botRefreshTokenEnc,
    botTokenExpiresAt: record.botTokenExpiresAt ?? null,
    incomingWebhookChannelId: record.incomingWebhookChannelId ?? null,
    incomingWebhookChannelName: record.incomingWebhookChannelName ?? null,
    // A new install's tokens are good and nobody is refreshing them, whatever happened before.
    tokenStatus: "ok",
    refreshClaimUntil: null,
    updatedAt: now,
  };
  const key = {
    enterpriseId: record.enterpriseId ?? "",
    teamId: record.isEnterpriseInstall ? "" : (record.teamId ?? ""),
  };
  const [row] = await db
    .insert(installations)
    .values({ ...key, ...botSide, ...userSide, installedAt: now })
    .onConflictDoUpdate({
      target: [installations.enterpriseId, installations.teamId],
      // A reinstall refreshes everything Slack told us, and keeps the workspace's own settings.
      set: record.keepInstaller ? botSide : { ...botSide, ...userSide },
    })
    .returning();
  forgetInstallations();
  return row as InstallationRow;
}
