/**
 * Slack token rotation: bot tokens expire (12 h) and are refreshed before they do. Refreshing
 * revokes the refresh token it used, so two refreshes at once would leave one worker holding
 * a dead token: a conditional update lets one worker win; the others reread and use the
 * current token, which stays valid until its own expiry.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { SlackAPIError } from "slack-edge";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { AppError } from "../errors";
import type { Job } from "../jobs/job";
import { SlackClient } from "../slack/client";
import { botTokenOf } from "./bot-token";
import type { InstallationRow } from "./find-installation";
import { forgetInstallations } from "./installation-cache";
import { tokenCipher } from "./token-crypto";

/** Refresh this long before expiry: the cron catches tokens hours ahead, requests minutes ahead. */
export const REFRESH_AHEAD_MS = 2 * 60 * 60 * 1000;
/** A request path refreshes only when the token is about to die. */
export const MUST_REFRESH_MS = 5 * 60 * 1000;
const CLAIM_MS = 30_000;
const DEAD_REFRESH_TOKEN = new Set(["invalid_grant", "invalid_refresh_token"]);

/** A bot token that works now, refreshing it first when it is close to expiring. */
export async function usableBotToken(env: Env, db: Db, row: InstallationRow, ahead = MUST_REFRESH_MS) {
  const expiresAt = row.botTokenExpiresAt;
  if (!expiresAt || !row.botRefreshTokenEnc || expiresAt - Date.now() > ahead || row.tokenStatus === "refresh_failed") {
    return botTokenOf(env, row);
  }
  return refreshBotToken(env, db, row);
}

/** Refreshes once across all workers; returns whichever token is current afterwards. */
export async function refreshBotToken(env: Env, db: Db, row: InstallationRow, now = Date.now()): Promise<string> {
  const claimed = await db
    .update(installations)
    .set({ refreshClaimUntil: now + CLAIM_MS })
    .where(
      and(
        eq(installations.id, row.id),
        eq(installations.botRefreshTokenEnc, row.botRefreshTokenEnc ?? ""),
        or(isNull(installations.refreshClaimUntil), lt(installations.refreshClaimUntil, now)),
      ),
    )
    .returning({ id: installations.id });
  if (!claimed.length) return tokenAfterSomeoneElsesRefresh(env, db, row);

  const cipher = await tokenCipher(env);
  const refreshToken = await cipher.decrypt(row.botRefreshTokenEnc ?? "");
  let refreshed: { access_token?: string; refresh_token?: string; expires_in?: number };
  try {
    refreshed = await new SlackClient(env, undefined, row.teamId || row.enterpriseId).oauth.v2.access({
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    });
  } catch (err) {
    const dead = err instanceof SlackAPIError && DEAD_REFRESH_TOKEN.has(err.error);
    await db
      .update(installations)
      .set({ refreshClaimUntil: null, ...(dead ? { tokenStatus: "refresh_failed", updatedAt: now } : {}) })
      .where(eq(installations.id, row.id));
    forgetInstallations();
    if (dead) {
      // The admin hears it in Slack while the current token still works (and on the settings page).
      await env.JOBS.send({ type: "reinstall_notice", installationId: row.id } satisfies Job, {
        contentType: "json",
      }).catch(() => {});
    }
    if (dead && row.botTokenExpiresAt && row.botTokenExpiresAt > now) return botTokenOf(env, row);
    if (dead)
      throw new AppError(
        "reinstall_required",
        "Slack no longer accepts Firebreak's refresh token. Reinstall Firebreak.",
      );
    throw err;
  }
  if (!refreshed.access_token || !refreshed.refresh_token || !refreshed.expires_in) {
    throw new AppError("slack_error", "Slack's token refresh answer had no token in it.");
  }
  await db
    .update(installations)
    .set({
      botTokenEnc: await cipher.encrypt(refreshed.access_token),
      botRefreshTokenEnc: await cipher.encrypt(refreshed.refresh_token),
      botTokenExpiresAt: now + refreshed.expires_in * 1000,
      refreshClaimUntil: null,
      tokenStatus: "ok",
      updatedAt: now,
    })
    .where(eq(installations.id, row.id));
  forgetInstallations();
  return refreshed.access_token;
}

/** We lost the claim: the winner's token once it lands, or the current one while it still works. */
async function tokenAfterSomeoneElsesRefresh(env: Env, db: Db, row: InstallationRow): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [current] = await db.select().from(installations).where(eq(installations.id, row.id));
    if (!current?.botTokenEnc)
      throw new AppError("reinstall_required", "Firebreak's access to this workspace was revoked.");
    const moved = current.botRefreshTokenEnc !== row.botRefreshTokenEnc;
    const stillValid = (current.botTokenExpiresAt ?? Number.POSITIVE_INFINITY) > Date.now() + 10_000;
    if (moved || stillValid) return botTokenOf(env, current);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new AppError("slack_error", "Timed out waiting for another worker to refresh the token.");
}

/** Installations whose bot token expires within `ahead`: the cron refreshes them early. */
export async function installationsDueForRefresh(db: Db, now = Date.now(), ahead = REFRESH_AHEAD_MS) {
  return db
    .select()
    .from(installations)
    .where(and(lt(installations.botTokenExpiresAt, now + ahead), eq(installations.tokenStatus, "ok")));
}
