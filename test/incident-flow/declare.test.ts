/** Declaring through Slack: the modal, then the channel, invites, pinned summary, topic, announcement, notice. */
import { describe, expect, it } from "vitest";
import { declareViaSlack, effect, incident, topModal, whenReady } from "../support/incidents";
import { driver, emulator, eventually, installedCompany, installedCrowd, messagesIn, textOf } from "../support/world";

describe("declaring an incident", () => {
  it("opens a channel with the right people, a pinned summary, the topic and one announcement", async () => {
    const ws = await installedCompany();
    const { modal, submitted } = await declareViaSlack(ws, {
      values: { severity: "SEV2", summary: "Primary DB unreachable" },
    });
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"Database down"');
    expect(submitted.status).toBe(200);
    expect(submitted.errors).toBeUndefined();

    const ready = await whenReady(ws.team.id, 1);
    expect(ready).toMatchObject({
      title: "Database down",
      severity: "SEV2",
      status: "investigating",
      channel_name: "inc-1-database-down",
    });
    const channel = await emulator.channel(ready.channel_id ?? "");
    expect(channel.is_private).toBe(false);
    expect(channel.members).toEqual(expect.arrayContaining([ws.users.alice.id]));
    expect(channel.topic.value).toBe(`SEV2 · Investigating · Commander <@${ws.users.alice.id}>`);

    const summaries = (await messagesIn(channel.id)).filter((m) => m.text.startsWith("INC-1 · Database down"));
    expect(summaries).toHaveLength(1);
    const pins = await emulator.pins(channel.id);
    expect(pins.map((p) => p.ts)).toEqual([summaries[0]?.ts]);
    expect(textOf(summaries[0])).toContain("Primary DB unreachable");
    for (const button of ["Update status", "Change severity", "Assign role", "Post update", "Resolve"]) {
      expect(JSON.stringify(summaries[0]?.blocks)).toContain(`"text":"${button}"`);
    }

    const announcements = (await messagesIn(ws.channels.incidents.id)).filter((m) => m.text.includes("INC-1"));
    expect(announcements).toHaveLength(1);
    expect(textOf(announcements[0])).toContain(`<#${channel.id}>`);
    expect(await effect(`incident:${ready.id}:announce`)).toBe(announcements[0]?.ts);

    // The declarer's "Declaring INC-1…" turned into a link to the channel.
    const notices = (await emulator.seen(ws, ws.users.alice.id)).filter((s) => s.kind === "response_url");
    expect(notices.map((n) => n.text)).toEqual(["Declaring INC-1…", "INC-1 is open in #inc-1-database-down"]);
    expect(notices[0]?.replaced).toBe(true);
    expect(textOf(notices[1])).toContain(`<#${channel.id}>`);
  });

  it("keeps the modal open with field errors for a bad submission, and records nothing", async () => {
    const ws = await installedCompany();
    await driver.command({ team: ws, user: "alice", channel: "general", text: "declare" });
    const modal = await topModal(ws, ws.users.alice.id, "fb.declare_modal");
    const submitted = await driver.submitView({ team: ws, user: "alice", viewId: modal.id, values: { title: "   " } });
    expect(submitted.errors).toEqual({ title: "Give the incident a short title." });
    expect((await emulator.views(ws, ws.users.alice.id)).stack.map((v) => v.id)).toContain(modal.id);
    expect(await incident(ws.team.id, 1)).toBeNull();
  });

  it("makes a private channel for a private incident and invites a different commander", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, {
      title: "Payroll leak",
      values: { private: ["private"], commander: ws.users.bob.id, severity: "SEV1" },
    });
    const ready = await whenReady(ws.team.id, 1);
    const channel = await emulator.channel(ready.channel_id ?? "");
    expect(channel.is_private).toBe(true);
    expect(channel.members).toEqual(expect.arrayContaining([ws.users.alice.id, ws.users.bob.id]));
    expect(ready.commander_id).toBe(ws.users.bob.id);
  });

  it("opens anyway when someone cannot be invited, and tells the declarer who", async () => {
    const ws = await installedCompany();
    // Bob is fine when the modal is submitted, and deactivated before the job gets to invite him
    // (the first channel creation fails, so the job comes back a second later).
    await emulator.setFaults(ws, {
      seed: 5,
      scripted: [{ method: "conversations.create", error: "internal_error", times: 1 }],
    });
    await declareViaSlack(ws, { values: { commander: ws.users.bob.id } });
    await emulator.deactivateUser(ws, ws.users.bob.id);
    const ready = await whenReady(ws.team.id, 1);
    await emulator.setFaults(ws, null);
    const channel = await emulator.channel(ready.channel_id ?? "");
    expect(channel.members).toContain(ws.users.alice.id);
    expect(channel.members).not.toContain(ws.users.bob.id);
    const told = await eventually("the declarer told", async () =>
      (await emulator.seen(ws, ws.users.alice.id)).find((s) => (s.text ?? "").includes("couldn't invite")),
    );
    expect(told.text).toContain(`<@${ws.users.bob.id}>`);
    const invites = await emulator.calls({ teamId: ws.team.id, method: "conversations.invite" });
    expect(invites).toHaveLength(1);
  });

  it("moves on to -2 when someone already took the channel name", async () => {
    const ws = await installedCompany({ extraChannels: ["inc-1-database-down"] });
    const taken = await emulator.channelByName(ws, "inc-1-database-down");
    await declareViaSlack(ws);
    const ready = await whenReady(ws.team.id, 1);
    expect(ready.channel_name).toBe("inc-1-database-down-2");
    expect(ready.channel_id).not.toBe(taken?.id);
    expect((await emulator.channel(taken?.id ?? "")).members).toEqual([ws.users.bob.id]);
  });

  it("numbers 20 declares at once 1 to 20, each with its own channel", async () => {
    const ws = await installedCrowd(20);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => declareViaSlack(ws, { title: `Outage ${i}`, user: `p${i}` })),
    );
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => whenReady(ws.team.id, i + 1, 60_000)));
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const channels = new Set(rows.map((r) => r.channel_id));
    expect(channels.size).toBe(20);
    const incidentChannels = (await emulator.channels(ws)).filter((c) => /^inc-\d+-outage-\d+/.test(c.name));
    expect(incidentChannels).toHaveLength(20);
    await eventually(
      "20 announcements",
      async () => (await messagesIn(ws.channels.incidents.id)).filter((m) => /INC-\d+/.test(m.text)).length === 20,
      60_000,
    );
  }, 90_000);
});
