/** The pinned summary's buttons, and the options menu's: each opens its modal and acts. */
import { beforeAll, describe, expect, it } from "vitest";
import { declareViaSlack, effect, incident, topModal, whenReady, whenSynced } from "../support/incidents";
import {
  type Company,
  driver,
  emulator,
  eventually,
  installedCompany,
  lastSeen,
  messagesIn,
  textOf,
} from "../support/world";

let ws: Company;
let channel: string;
let summaryTs: string;

const click = (actionId: string, user: keyof Company["users"] = "alice") =>
  driver.clickButton({ team: ws, user, actionId, in: { message: { channel, ts: summaryTs } } });

async function submitTop(callbackId: string, values: Record<string, string>, user: keyof Company["users"] = "alice") {
  const modal = await topModal(ws, ws.users[user].id, callbackId);
  return driver.submitView({ team: ws, user, viewId: modal.id, values });
}

beforeAll(async () => {
  ws = await installedCompany();
  await declareViaSlack(ws, { values: { severity: "SEV3" } });
  const ready = await whenReady(ws.team.id, 1);
  channel = ready.channel_id ?? "";
  summaryTs = (await effect(`incident:${ready.id}:summary`)) ?? "";
});

describe("summary buttons", () => {
  it("Update status opens a status form that sets it", async () => {
    await click("fb.update_status");
    const done = await submitTop("fb.status_modal", { status: "monitoring" });
    expect(done.errors).toBeUndefined();
    expect((await whenSynced(ws.team.id, 1)).status).toBe("monitoring");
  });

  it("a no-op status shows the reason under the field and keeps the form open", async () => {
    await click("fb.update_status");
    const done = await submitTop("fb.status_modal", { status: "monitoring" });
    expect(done.errors).toEqual({ status: "INC-1 is already Monitoring." });
  });

  it("Change severity, Assign role and Post update each act", async () => {
    await click("fb.change_severity");
    await submitTop("fb.severity_modal", { severity: "SEV1" });
    await click("fb.assign_role");
    await submitTop("fb.role_modal", { role: "scribe", person: ws.users.bob.id });
    await click("fb.post_update");
    await submitTop("fb.update_modal", { update: "Traffic drained from eu-west" });
    const row = await whenSynced(ws.team.id, 1);
    expect(row).toMatchObject({ severity: "SEV1", scribe_id: ws.users.bob.id });
    await eventually("the update posted", async () =>
      (await messagesIn(channel)).some((m) => textOf(m).includes("Traffic drained from eu-west")),
    );
    await eventually("bob invited", async () => (await emulator.channel(channel)).members.includes(ws.users.bob.id));
  });

  it("Assign role refuses a deactivated person inside the form", async () => {
    await click("fb.assign_role");
    const done = await submitTop("fb.role_modal", { role: "comms", person: ws.users.dave.id });
    expect(done.errors).toEqual({ person: "That person's account is deactivated." });
  });

  it("Resolve asks what fixed it, then resolves", async () => {
    await click("fb.resolve");
    await submitTop("fb.resolve_modal", { resolution: "Drained the bad region" });
    const row = await whenSynced(ws.team.id, 1);
    expect(row.status).toBe("resolved");
    // The summary lost its Resolve button once resolved.
    const summary = (await emulator.history(channel)).find((m) => m.ts === summaryTs);
    expect(JSON.stringify(summary?.blocks)).not.toContain("fb.resolve");
  });
});

describe("options menu buttons", () => {
  it("Declare incident opens the declare form; Open incidents and Help replace the menu", async () => {
    await driver.command({ team: ws, user: "bob", channel: "general", text: "" });
    const menu = await lastSeen(ws, ws.users.bob.id, "reply");
    if (!menu) throw new Error("no menu");
    await driver.clickButton({ team: ws, user: "bob", actionId: "fb.list_open", in: { ephemeral: menu } });
    const list = await eventually("the list", async () => lastSeen(ws, ws.users.bob.id, "response_url"));
    expect(textOf(list)).toMatch(/No open incidents|Open incidents/);

    await driver.command({ team: ws, user: "bob", channel: "general", text: "help" });
    const again = await lastSeen(ws, ws.users.bob.id, "reply");
    if (!again) throw new Error("no menu");
    await driver.clickButton({ team: ws, user: "bob", actionId: "fb.declare", in: { ephemeral: again } });
    const modal = await topModal(ws, ws.users.bob.id, "fb.declare_modal");
    await driver.submitView({ team: ws, user: "bob", viewId: modal.id, values: { title: "Search is slow" } });
    const second = await whenReady(ws.team.id, 2);
    expect(second).toMatchObject({ title: "Search is slow", severity: "SEV3", commander_id: ws.users.bob.id });
    expect((await incident(ws.team.id, 2))?.channel_name).toBe("inc-2-search-is-slow");
    // The menu became "Declaring INC-2…", which became the link: nothing stale is left showing.
    const shown = await eventually("the link", async () => {
      const seen = (await emulator.seen(ws, ws.users.bob.id)).filter((s) => !s.replaced && !s.deleted);
      return seen.some((s) => textOf(s).includes("INC-2 is open")) ? seen : undefined;
    });
    expect(shown.filter((s) => textOf(s).includes("Declaring INC-2"))).toEqual([]);
  });
});
