/** app_uninstalled and tokens_revoked delete tokens, keep history, and stop later jobs cold. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { driver, emulator, eventually, installedCompany, lastSeen, textOf } from "../support/world";

const row = (teamId: string) =>
  env.DB.prepare("SELECT * FROM installations WHERE team_id = ?").bind(teamId).first<Record<string, unknown>>();

describe("revocation", () => {
  it("deletes every token on app_uninstalled, keeps incidents, and tells /incident to reinstall", async () => {
    const ws = await installedCompany();
    await env.DB.prepare(
      "INSERT INTO incidents (team_id, number, title, severity, status, declared_by, declared_at, last_update_at, updated_at, open_state) VALUES (?, 1, 'Old outage', 'SEV2', 'resolved', ?, 1, 1, 1, 'ready')",
    )
      .bind(ws.team.id, ws.users.alice.id)
      .run();
    await emulator.uninstall(ws);
    await driver.deliverOutbox(ws);
    const after = await eventually("tokens deleted", async () => {
      const r = await row(ws.team.id);
      return r && r.bot_token_enc === null ? r : undefined;
    });
    expect(after).toMatchObject({ bot_token_enc: null, bot_refresh_token_enc: null, user_token_enc: null });
    const incidents = await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE team_id = ?")
      .bind(ws.team.id)
      .first<{ n: number }>();
    expect(incidents?.n).toBe(1);

    await driver.command({ team: ws, user: "bob", channel: "general", text: "help" });
    expect(textOf(await lastSeen(ws, ws.users.bob.id, "reply"))).toContain(
      "reinstall it from https://firebreak.test/settings",
    );
  });

  it("deletes the bot token on tokens_revoked, and a later job stops without retrying or calling Slack", async () => {
    const ws = await installedCompany();
    await emulator.revokeTokens(ws, { bot: true });
    await driver.deliverOutbox(ws);
    await eventually("bot token deleted", async () => (await row(ws.team.id))?.bot_token_enc === null);

    const before = (await emulator.calls({ teamId: ws.team.id })).length;
    await env.JOBS.send({ type: "home_publish", teamId: ws.team.id }, { contentType: "json" });
    const dead = await eventually("the job dead-lettered", async () => {
      const found = await env.DB.prepare("SELECT * FROM dead_letters WHERE body LIKE ?")
        .bind(`%${ws.team.id}%`)
        .first<Record<string, unknown>>();
      return found ?? undefined;
    });
    expect(dead).toMatchObject({ job_type: "home_publish", reason: "reinstall_required", attempts: 1 });
    expect((await emulator.calls({ teamId: ws.team.id })).length).toBe(before);
  });

  it("stops a job that meets invalid_auth from Slack, without retries", async () => {
    const ws = await installedCompany();
    await emulator.setFaults(ws, { seed: 2, scripted: [{ method: "views.publish", error: "invalid_auth", times: 5 }] });
    await env.DB.prepare("INSERT INTO home_viewers (team_id, user_id, seen_at) VALUES (?, ?, 1)")
      .bind(ws.team.id, ws.users.bob.id)
      .run();
    await env.JOBS.send({ type: "home_publish", teamId: ws.team.id }, { contentType: "json" });
    const dead = await eventually(
      "the job dead-lettered",
      async () =>
        (await env.DB.prepare("SELECT * FROM dead_letters WHERE body LIKE ?")
          .bind(`%${ws.team.id}%`)
          .first<Record<string, unknown>>()) ?? undefined,
    );
    expect(dead).toMatchObject({ reason: "slack: invalid_auth", attempts: 1 });
    expect((await emulator.calls({ teamId: ws.team.id, method: "views.publish" })).length).toBe(1);
  });
});
