/**
 * slack-edge's InstallationStore over D1, so slack-edge's `authorize` resolves tokens from our
 * table. The rest of Firebreak uses the functions it wraps (findInstallation, usableBotToken…).
 */
import { eq } from "drizzle-orm";
import {
  type Authorize,
  AuthorizeError,
  type Installation,
  type InstallationStore,
  type InstallationStoreQuery,
} from "slack-edge";
import { database } from "../db/client";
import { installations } from "../db/schema";
import type { SlackEnv } from "../slack/slack-env";
import { findInstallation, type InstallationRow } from "./find-installation";
import { forgetInstallations } from "./installation-cache";
import { saveInstallation } from "./save-installation";
import { tokenCipher } from "./token-crypto";
import { usableBotToken } from "./token-rotation";

/** Why authorize refused a request: read by the Slack edge to answer the person helpfully. */
export type AuthorizeProblem = "not_installed" | "reinstall_required";

export class D1InstallationStore implements InstallationStore<SlackEnv> {
  constructor(private readonly env: Env) {}

  private get db() {
    return database(this.env.DB);
  }

  async save(installation: Installation): Promise<void> {
    await saveInstallation(this.db, await tokenCipher(this.env), {
      enterpriseId: installation.enterprise_id,
      teamId: installation.team_id,
      isEnterpriseInstall: installation.is_enterprise_install ?? false,
      appId: installation.app_id,
      botUserId: installation.bot_user_id,
      botToken: installation.bot_token,
      botScopes: installation.bot_scopes ?? [],
      botRefreshToken: installation.bot_refresh_token,
      botTokenExpiresAt: secondsToMs(installation.bot_token_expires_at),
      installerUserId: installation.user_id,
      userToken: installation.user_token,
      userScopes: installation.user_scopes ?? [],
      userRefreshToken: installation.user_refresh_token,
      userTokenExpiresAt: secondsToMs(installation.user_token_expires_at),
      incomingWebhookChannelId: installation.incoming_webhook_channel_id,
    });
  }

  async findBotInstallation(query: InstallationStoreQuery): Promise<Installation | undefined> {
    const row = await this.find(query);
    if (!row?.botTokenEnc) return undefined;
    return this.toInstallation(row, await usableBotToken(this.env, this.db, row));
  }

  async findUserInstallation(query: InstallationStoreQuery): Promise<Installation | undefined> {
    const row = await this.find(query);
    if (!row?.userTokenEnc || (query.userId && query.userId !== row.installerUserId)) return undefined;
    const cipher = await tokenCipher(this.env);
    return { ...this.toInstallation(row), user_token: await cipher.decrypt(row.userTokenEnc) };
  }

  async deleteBotInstallation(query: InstallationStoreQuery): Promise<void> {
    await this.clearTokens(query, { bot: true, user: false });
  }

  async deleteUserInstallation(query: InstallationStoreQuery): Promise<void> {
    await this.clearTokens(query, { bot: false, user: true });
  }

  async deleteAll(query: InstallationStoreQuery): Promise<void> {
    await this.clearTokens(query, { bot: true, user: true });
  }

  toAuthorize(): Authorize<SlackEnv> {
    return async (req) => {
      const { enterpriseId, teamId } = req.context;
      const row = await this.find({ enterpriseId, teamId });
      const fail = (problem: AuthorizeProblem) => {
        req.context.custom.authorizeProblem = problem;
        return new AuthorizeError(problem);
      };
      if (!row) throw fail("not_installed");
      if (!row.botTokenEnc || !row.botUserId) throw fail("reinstall_required");
      // Listeners read the row from here instead of querying D1 a second time.
      req.context.custom.installation = row;
      return {
        enterpriseId: row.enterpriseId || undefined,
        teamId: teamId ?? (row.teamId || undefined),
        team: row.teamName ?? undefined,
        botId: row.botId ?? "",
        botUserId: row.botUserId,
        botToken: await usableBotToken(this.env, this.db, row),
        botScopes: splitScopes(row.botScopes),
        userId: req.context.userId,
      };
    };
  }

  private find(query: InstallationStoreQuery) {
    return findInstallation(this.db, { enterpriseId: query.enterpriseId, teamId: query.teamId });
  }

  private async clearTokens(query: InstallationStoreQuery, which: { bot: boolean; user: boolean }) {
    const row = await this.find(query);
    if (!row) return;
    await this.db
      .update(installations)
      .set({
        ...(which.bot ? { botTokenEnc: null, botRefreshTokenEnc: null, botTokenExpiresAt: null } : {}),
        ...(which.user ? { userTokenEnc: null, userRefreshTokenEnc: null, userTokenExpiresAt: null } : {}),
        updatedAt: Date.now(),
      })
      .where(eq(installations.id, row.id));
    forgetInstallations();
  }

  private toInstallation(row: InstallationRow, botToken?: string): Installation {
    return {
      app_id: row.appId,
      is_enterprise_install: row.isEnterpriseInstall,
      enterprise_id: row.enterpriseId || undefined,
      team_id: row.teamId || undefined,
      user_id: row.installerUserId ?? "",
      bot_token: botToken,
      bot_user_id: row.botUserId ?? undefined,
      bot_scopes: splitScopes(row.botScopes),
      user_scopes: splitScopes(row.userScopes),
      incoming_webhook_channel_id: row.incomingWebhookChannelId ?? undefined,
    };
  }
}

function splitScopes(scopes: string): string[] {
  return scopes ? scopes.split(",") : [];
}

function secondsToMs(epochSeconds: number | undefined): number | undefined {
  return epochSeconds ? epochSeconds * 1000 : undefined;
}
