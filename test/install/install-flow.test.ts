/**
 * The install flow end to end: Authorize on the emulator's page (workspace and channel chosen
 * there), Allow, back to the settings page; the welcome DM and the channel notice exist once;
 * `/incident` shows the options; D1 holds no token in the clear.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { installViaOAuth } from "../slack-emulator/install-flow";
import { settingsFields, signIn } from "../support/web";
import {
  APP_URL,
  driver,
  emulator,
  eventually,
  firebreak,
  install,
  lastSeen,
  messagesIn,
  seedCompany,
  slackUrl,
  textOf,
} from "../support/world";

describe("installing Firebreak", () => {
  it("installs, greets once, answers /incident, and stores only ciphertext", async () => {
    const ws = await seedCompany();
    const { finalResponse } = await installViaOAuth({
      firebreak,
      appUrl: APP_URL,
      slackUrl,
      team: ws.team.id,
      user: "alice",
      channel: "#incidents",
    });
    expect(finalResponse.status).toBe(302);
    expect(finalResponse.headers.get("location")).toBe("/settings/messaging/slack?installed=1");

    const issued = await emulator.installation(ws);
    const row = await env.DB.prepare("SELECT * FROM installations WHERE team_id = ?")
      .bind(ws.team.id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      team_name: ws.team.name,
      bot_user_id: issued?.botUserId,
      bot_id: issued?.botId,
      installer_user_id: ws.users.alice.id,
      incoming_webhook_channel_id: ws.channels.incidents.id,
      enabled: 1,
    });
    // Ciphertext only: the token Slack issued appears nowhere in the row.
    expect(String(row?.bot_token_enc)).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(issued?.botToken ?? "missing");
    expect(JSON.stringify(row)).not.toContain("xoxb-");

    const dm = await eventually("the installer's welcome DM", async () => {
      const dms = (await emulator.seen(ws, ws.users.alice.id)).filter((s) => s.kind === "dm");
      return dms.length ? dms : undefined;
    });
    expect(textOf(dm[0])).toContain(`Firebreak is installed in ${ws.team.name}`);
    const notice = await eventually("the notice in #incidents", async () => {
      const found = (await messagesIn(ws.channels.incidents.id)).filter((m) => m.text.includes("Firebreak is here"));
      return found.length ? found : undefined;
    });
    expect(notice).toHaveLength(1);

    // Joining the channel made Slack send member_joined_channel for the bot: still one notice.
    const delivered = await driver.deliverOutbox(ws);
    expect(delivered.some((d) => d.event.event.type === "member_joined_channel")).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      (await messagesIn(ws.channels.incidents.id)).filter((m) => m.text.includes("Firebreak is here")),
    ).toHaveLength(1);
    expect((await emulator.seen(ws, ws.users.alice.id)).filter((s) => s.kind === "dm")).toHaveLength(1);

    const reply = await driver.command({ team: ws, user: "bob", channel: "general", text: "" });
    expect(reply.status).toBe(200);
    expect(textOf(await lastSeen(ws, ws.users.bob.id, "reply"))).toContain("Incident options");
  });

  it("posts a notice once when the bot is added to another channel, even if the event comes twice", async () => {
    const ws = await seedCompany();
    await install(ws.team.id, "alice", "#incidents");
    await driver.deliverOutbox(ws);
    const bot = (await emulator.installation(ws))?.botUserId ?? "";
    await emulator.addToChannel(ws, ws.channels.random.id, bot, ws.users.bob.id);
    const [joined] = await emulator.takeOutbox(ws);
    expect(joined?.event.type).toBe("member_joined_channel");
    if (!joined) return;
    await driver.deliverEnvelope(joined);
    await driver.deliverEnvelope(joined);
    const notices = await eventually("the notice in #random", async () => {
      const found = (await messagesIn(ws.channels.random.id)).filter((m) => m.text.includes("Firebreak is here"));
      return found.length ? found : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(notices).toHaveLength(1);
    expect((await messagesIn(ws.channels.random.id)).filter((m) => m.text.includes("Firebreak is here"))).toHaveLength(
      1,
    );
  });

  it("updates the row on reinstall instead of adding one", async () => {
    const ws = await seedCompany();
    await install(ws.team.id, "alice", "#incidents");
    await install(ws.team.id, "carol", "#general");
    const rows = await env.DB.prepare(
      "SELECT installer_user_id, incoming_webhook_channel_id FROM installations WHERE team_id = ?",
    )
      .bind(ws.team.id)
      .all();
    expect(rows.results).toEqual([
      { installer_user_id: ws.users.carol.id, incoming_webhook_channel_id: ws.channels.general.id },
    ]);
  });

  it("keeps the installer when a member who is no admin reinstalls, so they gain no say over settings", async () => {
    const ws = await seedCompany();
    await install(ws.team.id, "alice", "#incidents");
    await env.DB.prepare(
      "UPDATE installations SET token_status = 'refresh_failed', refresh_claim_until = 1 WHERE team_id = ?",
    )
      .bind(ws.team.id)
      .run();
    await install(ws.team.id, "bob", "#incidents");
    const row = await env.DB.prepare(
      "SELECT installer_user_id, token_status, refresh_claim_until FROM installations WHERE team_id = ?",
    )
      .bind(ws.team.id)
      .first();
    // The reinstall's token is fresh either way, so its health starts over.
    expect(row).toEqual({ installer_user_id: ws.users.alice.id, token_status: "ok", refresh_claim_until: null });
    const browser = await signIn(ws.team.id, "bob");
    const saved = await browser.post("/settings/messaging/slack", settingsFields({ channel_prefix: "bobs" }));
    expect(saved.status).toBe(403);
    // Bob still gets his own welcome: he is the one who clicked Allow.
    await eventually("bob's welcome DM", async () =>
      (await emulator.seen(ws, ws.users.bob.id)).some((s) => s.kind === "dm" && textOf(s).includes("is installed")),
    );
  });

  it("lets an uninstalled workspace's next installer take over, admin or not", async () => {
    const ws = await seedCompany();
    await install(ws.team.id, "alice", "#incidents");
    await env.DB.prepare("UPDATE installations SET bot_token_enc = NULL WHERE team_id = ?").bind(ws.team.id).run();
    await install(ws.team.id, "erin", "#incidents");
    const row = await env.DB.prepare("SELECT installer_user_id FROM installations WHERE team_id = ?")
      .bind(ws.team.id)
      .first();
    expect(row).toEqual({ installer_user_id: ws.users.erin.id });
  });
});
