/**
 * Settings → Messaging → Slack, and point 3 of the settings issue: who may see and change what.
 * Each rule has a test that fails if the rule is removed.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Browser, settingsFields, signIn } from "../support/web";
import {
  type Company,
  driver,
  emulator,
  install,
  installedCompany,
  lastSeen,
  seedCompany,
  slackUrl,
  textOf,
} from "../support/world";

const PAGE = "/settings/messaging/slack";
const settingsRow = (teamId: string) =>
  env.DB.prepare(
    "SELECT enabled, announcement_channel_id, channel_prefix, reminder_sev1_minutes, bot_token_enc FROM installations WHERE team_id = ?",
  )
    .bind(teamId)
    .first<Record<string, unknown>>();

async function save(browser: Browser, ws: Company, overrides: Record<string, string> = {}, csrf?: string | null) {
  return browser.post(PAGE, settingsFields(overrides, ws.channels.incidents.id), csrf === undefined ? {} : { csrf });
}

describe("the Slack settings page", () => {
  it("shows everyone signed in their workspace's connection, scopes, health and the service-account advice", async () => {
    const ws = await installedCompany();
    const html = await (await (await signIn(ws.team.id, "bob")).get(PAGE)).text();
    expect(html).toContain("<title>Slack settings · Firebreak</title>");
    expect(html).toContain(ws.team.name);
    expect(html).toContain("badge ok");
    for (const scope of ["commands", "chat:write", "channels:manage"]) expect(html).toContain(`<li>${scope}</li>`);
    expect(html).toContain("authorize with a service account");
    expect(html).toContain("keeps working when the person who set it up leaves");
    expect(html).toContain(`value="${ws.channels.incidents.id}" selected`);
    // Bob is no admin: he sees the form disabled, with the reason.
    expect(html).toContain("<fieldset disabled");
    expect(html).toContain("admins, owners or the person who installed Firebreak can change these.");
  });

  it("offers Enable Slack and Authorize Slack before install, and refuses to authorize with the switch off", async () => {
    const ws = await seedCompany();
    const browser = await signIn(ws.team.id, "alice");
    const html = await (await browser.get(PAGE)).text();
    expect(html).toContain('<label class="switch" for="enable-slack">');
    expect(html).toContain("Authorize Slack");
    const off = await browser.post(`${PAGE}/connect`, {});
    expect(off.status).toBe(400);
    expect(await off.text()).toContain("Switch on Enable Slack first");
    const on = await browser.post(`${PAGE}/connect`, { enabled: "on" });
    expect(on.status).toBe(302);
    expect(on.headers.get("location")).toBe("/slack/install");
  });

  it("turns a workspace that was off back on when an admin authorizes again, not when a member does", async () => {
    const ws = await installedCompany();
    await env.DB.prepare("UPDATE installations SET enabled = 0 WHERE team_id = ?").bind(ws.team.id).run();
    await install(ws.team.id, "bob", "#incidents");
    expect((await settingsRow(ws.team.id))?.enabled).toBe(0);
    await install(ws.team.id, "carol", "#incidents");
    expect((await settingsRow(ws.team.id))?.enabled).toBe(1);
  });

  it("lets an admin, an owner and the installer save, with a confirmation", async () => {
    const ws = await installedCompany();
    const alice = await signIn(ws.team.id, "alice");
    const saved = await save(alice, ws, { channel_prefix: "sev", reminder_sev1: "10" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${PAGE}?saved=1`);
    expect(await (await alice.get(`${PAGE}?saved=1`)).text()).toContain("Saved. New incidents use these settings.");
    expect(await settingsRow(ws.team.id)).toMatchObject({ channel_prefix: "sev", reminder_sev1_minutes: 10 });
    expect((await save(await signIn(ws.team.id, "carol"), ws, { channel_prefix: "owner" })).status).toBe(303);
    expect((await settingsRow(ws.team.id))?.channel_prefix).toBe("owner");
  });

  it("lets the installer save even when they are no admin", async () => {
    const ws = await seedCompany();
    await install(ws.team.id, "erin", "#incidents");
    expect((await save(await signIn(ws.team.id, "erin"), ws, { channel_prefix: "erins" })).status).toBe(303);
    expect((await settingsRow(ws.team.id))?.channel_prefix).toBe("erins");
  });

  it("refuses a member who is neither admin, owner nor installer: 403, nothing changed", async () => {
    const ws = await installedCompany();
    const before = await settingsRow(ws.team.id);
    const res = await save(await signIn(ws.team.id, "bob"), ws, { channel_prefix: "bobs", enabled: "" });
    expect(res.status).toBe(403);
    expect(await settingsRow(ws.team.id)).toEqual(before);
    const disconnect = await (await signIn(ws.team.id, "bob")).post(`${PAGE}/disconnect`, {});
    expect(disconnect.status).toBe(403);
    expect((await settingsRow(ws.team.id))?.bot_token_enc).toBeTruthy();
  });

  it("refuses any form without this session's CSRF token: 403, nothing changed", async () => {
    const ws = await installedCompany();
    const alice = await signIn(ws.team.id, "alice");
    const before = await settingsRow(ws.team.id);
    expect((await save(alice, ws, { channel_prefix: "nocsrf" }, null)).status).toBe(403);
    const otherSession = await signIn(ws.team.id, "carol");
    const foreignToken = /name="csrf" value="([^"]+)"/.exec(await (await otherSession.get(PAGE)).text())?.[1] ?? "";
    expect((await save(alice, ws, { channel_prefix: "foreign" }, foreignToken)).status).toBe(403);
    expect(await settingsRow(ws.team.id)).toEqual(before);
  });

  it("keeps workspaces apart: B's admin sees and changes only B", async () => {
    const a = await installedCompany();
    const b = await installedCompany();
    const bAdmin = await signIn(b.team.id, "alice");
    const page = await (await bAdmin.get(PAGE)).text();
    expect(page).toContain(b.team.name);
    expect(page).not.toContain(a.team.name);
    const before = await settingsRow(a.team.id);
    // Even naming A's channel in the form only ever touches B's row (and is refused: it is not B's channel).
    const res = await bAdmin.post(PAGE, settingsFields({ channel_prefix: "from-b" }, a.channels.incidents.id));
    expect(res.status).toBe(400);
    expect(await settingsRow(a.team.id)).toEqual(before);
    expect((await save(bAdmin, b, { channel_prefix: "from-b" })).status).toBe(303);
    expect((await settingsRow(a.team.id))?.channel_prefix).toBe("inc");
    expect((await settingsRow(b.team.id))?.channel_prefix).toBe("from-b");
  });

  it("rejects bad values with field messages and changes nothing", async () => {
    const ws = await installedCompany();
    const alice = await signIn(ws.team.id, "alice");
    const before = await settingsRow(ws.team.id);
    const res = await save(alice, ws, { channel_prefix: "Not Valid!", reminder_sev2: "-5" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Nothing was saved");
    expect(html).toContain("Use 1–20 lowercase letters");
    expect(html).toContain("whole minutes from 0 to 1440");
    expect(await settingsRow(ws.team.id)).toEqual(before);
  });

  it("turned off, /incident answers with a short notice and nothing else", async () => {
    const ws = await installedCompany();
    expect((await save(await signIn(ws.team.id, "alice"), ws, { enabled: "" })).status).toBe(303);
    await driver.command({ team: ws, user: "bob", channel: "general", text: "declare Database down" });
    const reply = await lastSeen(ws, ws.users.bob.id, "reply");
    expect(textOf(reply)).toContain("Firebreak is turned off for this workspace");
    expect(reply?.blocks ?? []).toEqual([]);
    expect((await emulator.views(ws, ws.users.bob.id)).stack).toEqual([]);
  });

  it("Disconnect revokes the tokens at Slack and in D1, and keeps the history", async () => {
    const ws = await installedCompany();
    await env.DB.prepare(
      "INSERT INTO incidents (team_id, number, title, severity, status, declared_by, declared_at, last_update_at, updated_at, open_state) VALUES (?, 1, 'Kept', 'SEV3', 'resolved', 'U1', 1, 1, 1, 'ready')",
    )
      .bind(ws.team.id)
      .run();
    const issued = (await emulator.installation(ws))?.botToken ?? "";
    const res = await (await signIn(ws.team.id, "alice")).post(`${PAGE}/disconnect`, {});
    expect(res.status).toBe(303);
    expect((await settingsRow(ws.team.id))?.bot_token_enc).toBeNull();
    expect((await emulator.calls({ teamId: ws.team.id, method: "auth.revoke" })).some((c) => c.ok)).toBe(true);
    const probe = await fetch(`${slackUrl}/api/auth.test`, {
      method: "POST",
      headers: { authorization: `Bearer ${issued}` },
    });
    expect(((await probe.json()) as { error?: string }).error).toBe("invalid_auth");
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE team_id = ?")
      .bind(ws.team.id)
      .first<{ n: number }>();
    expect(kept?.n).toBe(1);
  });
});
