/** Token rotation: refreshed before expiry, one refresh at a time, and a dead refresh token surfaces. */

import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { findInstallation } from "../../src/installations/find-installation";
import { tokenCipher } from "../../src/installations/token-crypto";
import { refreshBotToken, usableBotToken } from "../../src/installations/token-rotation";
import { runScheduled } from "../../src/jobs/scheduled";
import { driver, emulator, eventually, installedCompany, lastSeen, textOf } from "../support/world";

const db = database(env.DB);
const row = (teamId: string) => findInstallation(db, { teamId });
const refreshCalls = async (teamId: string) =>
  (await emulator.calls({ method: "oauth.v2.access" })).filter(
    (c) => c.args.grant_type === "refresh_token" && c.teamId === teamId,
  );

describe("token rotation", () => {
  it("stores the refresh token and expiry, encrypted", async () => {
    const ws = await installedCompany({ rotation: true });
    const installation = await row(ws.team.id);
    const issued = await emulator.installation(ws);
    expect(installation?.botTokenExpiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(installation?.botRefreshTokenEnc).toMatch(/^v1\./);
    expect(await (await tokenCipher(env)).decrypt(installation?.botRefreshTokenEnc ?? "")).toBe(
      issued?.botRefreshToken,
    );
  });

  it("refreshes once when two workers race, and both end up with a working token", async () => {
    const ws = await installedCompany({ rotation: true });
    const installation = await row(ws.team.id);
    if (!installation) throw new Error("not installed");
    const before = (await refreshCalls(ws.team.id)).length;
    const [a, b] = await Promise.all([refreshBotToken(env, db, installation), refreshBotToken(env, db, installation)]);
    expect((await refreshCalls(ws.team.id)).length - before).toBe(1);
    const issued = await emulator.installation(ws);
    // Both tokens work: the winner's new one, and the loser's (the old one, valid until it expires, or the new one).
    for (const token of [a, b]) {
      const res = await fetch(`${env.SLACK_BASE_URL}/api/auth.test`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    }
    expect([a, b]).toContain(issued?.botToken);
    expect((await refreshCalls(ws.team.id)).some((c) => c.error === "invalid_grant")).toBe(false);
  });

  it("refreshes a token that is about to expire before using it, on a request", async () => {
    const ws = await installedCompany({ rotation: true });
    await env.DB.prepare("UPDATE installations SET bot_token_expires_at = ? WHERE team_id = ?")
      .bind(Date.now() + 60_000, ws.team.id)
      .run();
    const installation = await row(ws.team.id);
    if (!installation) throw new Error("not installed");
    const token = await usableBotToken(env, db, installation);
    expect(token).toBe((await emulator.installation(ws))?.botToken);
    expect((await row(ws.team.id))?.botTokenExpiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });

  it("lets the cron refresh tokens hours before they expire (on the queue)", async () => {
    const ws = await installedCompany({ rotation: true });
    const soon = Date.now() + 60 * 60_000;
    await env.DB.prepare("UPDATE installations SET bot_token_expires_at = ? WHERE team_id = ?")
      .bind(soon, ws.team.id)
      .run();
    await runScheduled(createScheduledController({ scheduledTime: Date.now() }), env);
    await eventually(
      "the token refreshed",
      async () => ((await row(ws.team.id))?.botTokenExpiresAt ?? 0) > soon + 60_000,
    );
  });

  it("marks the installation for reinstall when Slack refuses the refresh token, and tells the installer", async () => {
    const ws = await installedCompany({ rotation: true });
    const cipher = await tokenCipher(env);
    const soon = Date.now() + 60_000;
    await env.DB.prepare(
      "UPDATE installations SET bot_refresh_token_enc = ?, bot_token_expires_at = ? WHERE team_id = ?",
    )
      .bind(await cipher.encrypt("xoxe-1-not-a-real-refresh-token"), soon, ws.team.id)
      .run();
    const installation = await row(ws.team.id);
    if (!installation) throw new Error("not installed");
    // The current token still works for its last minute, so the refresh hands it back.
    expect(await refreshBotToken(env, db, installation)).toBe((await emulator.installation(ws))?.botToken);
    expect((await row(ws.team.id))?.tokenStatus).toBe("refresh_failed");
    const dm = await eventually("the installer's reinstall DM", async () =>
      (await emulator.seen(ws, ws.users.alice.id)).find(
        (s) => s.kind === "dm" && (s.text ?? "").includes("needs to be reinstalled"),
      ),
    );
    expect(textOf(dm)).toContain("(Reauthorize)");
    // Once it has expired, there is nothing left to refresh with: reinstall.
    await env.DB.prepare("UPDATE installations SET bot_token_expires_at = ?, token_status = 'ok' WHERE team_id = ?")
      .bind(Date.now() - 1000, ws.team.id)
      .run();
    const expired = await row(ws.team.id);
    if (!expired) throw new Error("not installed");
    await expect(refreshBotToken(env, db, expired)).rejects.toThrow(/Reinstall/);
    await driver.command({ team: ws, user: "bob", channel: "general", text: "help" });
    expect(textOf(await lastSeen(ws, ws.users.bob.id, "reply"))).toBeTruthy();
  });
});
