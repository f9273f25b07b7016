/**
 * Edges a reviewer found: private incidents kept private, user text that must not ping
 * anyone, reopening, a declarer's response_url failing, and a workspace turned off.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { declareViaSlack, effect, incident, topModal, whenReady, whenSynced } from "../support/incidents";
import { settingsFields, signIn } from "../support/web";
import { driver, emulator, eventually, installedCompany, lastSeen, messagesIn, textOf } from "../support/world";

describe("a private incident", () => {
  it("is not announced, and only its people see what it is about", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, {
      title: "Payroll leak",
      values: { private: ["private"], commander: ws.users.bob.id, severity: "SEV1" },
    });
    const ready = await whenReady(ws.team.id, 1);
    const channel = ready.channel_id ?? "";
    expect(await effect(`incident:${ready.id}:announce`)).toBeUndefined();
    await driver.command({ team: ws, user: "alice", channel, text: "update Rotating the keys now" });
    await eventually("the update in the channel", async () =>
      (await messagesIn(channel)).some((m) => m.text.includes("Rotating the keys")),
    );
    expect((await messagesIn(ws.channels.incidents.id)).filter((m) => m.text.includes("INC-1"))).toEqual([]);

    // /incident list: the declarer sees the title; someone not on it sees only that it exists.
    await driver.command({ team: ws, user: "alice", channel: "general", text: "list" });
    expect(textOf(await lastSeen(ws, ws.users.alice.id, "reply"))).toContain("Payroll leak");
    await driver.command({ team: ws, user: "erin", channel: "general", text: "list" });
    const erinsList = textOf(await lastSeen(ws, ws.users.erin.id, "reply"));
    expect(erinsList).toContain("INC-1 · Private incident");
    expect(erinsList).not.toContain("Payroll");

    // The web: listed without its title; its page only for the people on it or in its channel.
    const erin = await signIn(ws.team.id, "erin");
    const list = await (await erin.get("/incidents")).text();
    expect(list).toContain("Private incident");
    expect(list).not.toContain("Payroll");
    expect((await erin.get(`/incidents/${ready.id}`)).status).toBe(403);
    expect((await erin.get(`/incidents/${ready.id}/postmortem.md`)).status).toBe(403);
    const bob = await signIn(ws.team.id, "bob");
    expect(await (await bob.get(`/incidents/${ready.id}`)).text()).toContain("Payroll leak");
    const carol = await signIn(ws.team.id, "carol");
    expect((await carol.get(`/incidents/${ready.id}`)).status).toBe(403);
    await emulator.addToChannel(ws, channel, ws.users.carol.id, ws.users.bob.id);
    expect((await carol.get(`/incidents/${ready.id}`)).status).toBe(200);

    // App Home is one view for everybody: the title never shows there.
    await emulator.openAppHome(ws, ws.users.bob.id);
    await driver.deliverOutbox(ws);
    const home = await eventually("bob's home", async () => (await emulator.views(ws, ws.users.bob.id)).home);
    expect(textOf(home)).toContain("Private incident");
    expect(textOf(home)).not.toContain("Payroll");
  });
});

describe("what people type", () => {
  it("keeps mentions and ampersands as written, and never pings the channel", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, { title: "Checkout errors" });
    const ready = await whenReady(ws.team.id, 1);
    const channel = ready.channel_id ?? "";
    await driver.command({
      team: ws,
      user: "alice",
      channel,
      text: "update @channel @here @bob on it: DB & cache <failover> done",
    });
    const posted = await eventually("the update everywhere", async () => {
      const all = [...(await messagesIn(channel)), ...(await emulator.history(ws.channels.incidents.id))];
      const found = all.filter((m) => m.text.includes("failover"));
      return found.length >= 2 ? found : undefined;
    });
    for (const m of posted) {
      for (const shown of [m.text, JSON.stringify(m.blocks)]) {
        expect(shown).not.toMatch(/<!(here|channel|everyone|subteam)/);
        expect(shown).toContain(`@channel @here <@${ws.users.bob.id}|bob> on it: DB &amp; cache &lt;failover&gt; done`);
      }
    }
    // On the web it reads as typed.
    const page = await (await (await signIn(ws.team.id, "alice")).get(`/incidents/${ready.id}`)).text();
    expect(page).toContain("@channel @here @bob on it: DB &amp; cache &lt;failover&gt; done");
    expect(page).not.toContain("&amp;amp;");
  });
});

describe("reopening", () => {
  it("forgets the old resolution, so the incident no longer claims to be fixed", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, { title: "Login loop" });
    const ready = await whenReady(ws.team.id, 1);
    const channel = ready.channel_id ?? "";
    await driver.command({ team: ws, user: "alice", channel, text: "resolve Cache flushed" });
    await eventually("resolved", async () => (await incident(ws.team.id, 1))?.status === "resolved");
    await driver.command({ team: ws, user: "alice", channel, text: "status identified" });
    await whenSynced(ws.team.id, 1);
    const row = await env.DB.prepare("SELECT status, resolution, resolved_at FROM incidents WHERE id = ?")
      .bind(ready.id)
      .first();
    expect(row).toEqual({ status: "identified", resolution: null, resolved_at: null });
    // The thread tells each change as it happened, resolved and then reopened.
    const root = await effect(`incident:${ready.id}:announce`);
    const replies = await eventually("both thread replies", async () => {
      const found = (await emulator.history(ws.channels.incidents.id)).filter(
        (m) => m.thread_ts === root && m.ts !== root,
      );
      return found.length >= 2 ? found : undefined;
    });
    expect(replies.map((r) => textOf(r))).toEqual([
      expect.stringContaining("Cache flushed"),
      expect.stringContaining("*Reopened* as Identified"),
    ]);
  });
});

describe("the declarer's notices", () => {
  it("are a courtesy: a response_url that fails does not hold the incident back", async () => {
    const ws = await installedCompany();
    await emulator.setFaults(ws, { seed: 1, scripted: [{ method: "response_url", error: "server_error", times: 10 }] });
    await declareViaSlack(ws, { title: "Queue backlog" });
    const ready = await whenReady(ws.team.id, 1, 10_000);
    expect(ready.channel_name).toBe("inc-1-queue-backlog");
    expect(await effect(`incident:${ready.id}:summary`)).toBeTruthy();
    await emulator.setFaults(ws, null);
  });
});

describe("a change made while the incident is still opening", () => {
  it("shows in the summary, even though an earlier attempt posted the summary from the older state", async () => {
    const ws = await installedCompany();
    // The first two attempts stop after the summary is posted, at the topic.
    await emulator.setFaults(ws, {
      seed: 3,
      scripted: [{ method: "conversations.setTopic", error: "internal_error", times: 2 }],
    });
    await declareViaSlack(ws, { title: "Cache stampede", values: { severity: "SEV3" } });
    const row = await eventually("the channel and summary of attempt one", async () => {
      const r = await incident(ws.team.id, 1);
      return r?.channel_id && (await effect(`incident:${r.id}:summary`)) ? r : undefined;
    });
    expect(row.open_state).toBe("opening");
    await driver.command({ team: ws, user: "alice", channel: row.channel_id ?? "", text: "sev SEV1" });
    await whenSynced(ws.team.id, 1);
    await emulator.setFaults(ws, null);
    const summaryTs = await effect(`incident:${row.id}:summary`);
    const summary = (await emulator.history(row.channel_id ?? "")).find((m) => m.ts === summaryTs);
    expect(textOf(summary)).toContain("SEV1");
    expect((await emulator.channel(row.channel_id ?? "")).topic.value).toMatch(/^SEV1 · /);
  });
});

describe("a role given while Slack is slow", () => {
  it("answers in time that Slack was too slow, and changes nothing", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, { title: "API latency" });
    const ready = await whenReady(ws.team.id, 1);
    await emulator.setFaults(ws, { seed: 7, slow: 1, slowMs: 2500, methods: ["users.info"] });
    const reply = await driver.command({
      team: ws,
      user: "alice",
      channel: ready.channel_id ?? "",
      text: `role comms <@${ws.users.carol.id}>`,
    });
    await emulator.setFaults(ws, null);
    expect(reply.status).toBe(200);
    expect(textOf(await lastSeen(ws, ws.users.alice.id, "reply"))).toContain("Slack didn't answer");
    expect((await incident(ws.team.id, 1))?.comms_id).toBeNull();
  });
});

describe("a workspace turned off", () => {
  it("answers clicks and submissions with the reason, and ignores events", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, { title: "Disk full" });
    const ready = await whenReady(ws.team.id, 1);
    const channel = ready.channel_id ?? "";
    const summaryTs = (await effect(`incident:${ready.id}:summary`)) ?? "";
    await driver.clickButton({
      team: ws,
      user: "alice",
      actionId: "fb.update_status",
      in: { message: { channel, ts: summaryTs } },
    });
    const modal = await topModal(ws, ws.users.alice.id, "fb.status_modal");

    const alice = await signIn(ws.team.id, "alice");
    const off = await alice.post(
      "/settings/messaging/slack",
      settingsFields({ enabled: "" }, ws.channels.incidents.id),
    );
    expect(off.status).toBe(303);

    const submitted = await driver.submitView({
      team: ws,
      user: "alice",
      viewId: modal.id,
      values: { status: "monitoring" },
    });
    expect(Object.values(submitted.errors ?? {}).join(" ")).toContain("turned off");
    expect((await incident(ws.team.id, 1))?.status).toBe("investigating");

    await driver.clickButton({
      team: ws,
      user: "alice",
      actionId: "fb.post_update",
      in: { message: { channel, ts: summaryTs } },
    });
    const told = await eventually("alice is told why", async () => {
      const seen = (await emulator.seen(ws, ws.users.alice.id)).filter((s) => s.kind === "response_url");
      return seen.find((s) => textOf(s).includes("turned off"));
    });
    expect(told).toBeTruthy();

    // No welcome notice while off, even when the bot is added to a channel. Then back on, it is
    // added to another: that notice arriving means the first event was handled (jobs run in order).
    const bot = (await emulator.installation(ws))?.botUserId ?? "";
    await emulator.addToChannel(ws, ws.channels.random.id, bot, ws.users.bob.id);
    await driver.deliverOutbox(ws);
    // (Give that job time to read the switch before it is flipped back.)
    await new Promise((r) => setTimeout(r, 500));
    await env.DB.prepare("UPDATE installations SET enabled = 1 WHERE team_id = ?").bind(ws.team.id).run();
    await emulator.addToChannel(ws, ws.channels.ops.id, bot, ws.users.bob.id);
    await driver.deliverOutbox(ws);
    const notice = (channel: string) =>
      messagesIn(channel).then((all) => all.filter((m) => m.text.includes("Firebreak is here")));
    await eventually("the notice in #ops, once back on", async () => (await notice(ws.channels.ops.id)).length > 0);
    expect(await notice(ws.channels.random.id)).toEqual([]);
  });
});
