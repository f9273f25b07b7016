/** The driver sends what Slack sends: signed, shaped, timed, retried; and it reaches Firebreak itself. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifySlackSignature } from "../../src/slack/verify-signature";
import { SlackDriver } from "../slack-emulator/driver";
import { call, emulator, fakeApp, installedWorkspace, slackUrl } from "./support";

const driverFor = (
  deliver: (req: Request) => Promise<Response>,
  extra: Partial<ConstructorParameters<typeof SlackDriver>[0]> = {},
) => new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver, ...extra });

describe("requests", () => {
  it("signs every kind of request so Firebreak's own check accepts it, and only with the right secret", async () => {
    const { ws } = await installedWorkspace();
    const bodies: { headers: Headers; raw: Uint8Array; type: string }[] = [];
    const capture = async (req: Request) => {
      bodies.push({
        headers: req.headers,
        raw: new Uint8Array(await req.arrayBuffer()),
        type: req.headers.get("content-type") ?? "",
      });
      return new Response(null, { status: 200 });
    };
    const driver = driverFor(capture);
    await driver.command({ team: ws, user: "alice", channel: "#general", text: "help" });
    await driver.event({ team: ws, event: { type: "app_home_opened", user: ws.users.alice.id } });
    await driver.messageShortcut({
      team: ws,
      user: "bob",
      callbackId: "fb.add_to_timeline",
      channel: "general",
      messageTs: (await emulator.postAsUser(ws, ws.channels.general.id, ws.users.bob.id, "db is down")).ts,
    });
    expect(bodies.map((b) => b.type)).toEqual([
      "application/x-www-form-urlencoded",
      "application/json",
      "application/x-www-form-urlencoded",
    ]);
    for (const b of bodies) {
      expect(await verifySlackSignature(env.SLACK_SIGNING_SECRET, b.headers, b.raw)).toBe(true);
      expect(await verifySlackSignature("another-secret", b.headers, b.raw)).toBe(false);
      const tampered = b.raw.slice();
      tampered[0] = (tampered[0] ?? 0) ^ 1;
      expect(await verifySlackSignature(env.SLACK_SIGNING_SECRET, b.headers, tampered)).toBe(false);
    }
    const command = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bodies[0]?.raw)));
    expect(command).toMatchObject({
      command: "/incident",
      text: "help",
      team_id: ws.team.id,
      team_domain: ws.team.domain,
      channel_id: ws.channels.general.id,
      channel_name: "general",
      user_id: ws.users.alice.id,
      user_name: "alice",
      api_app_id: expect.stringMatching(/^A/),
      is_enterprise_install: "false",
      token: expect.any(String),
    });
    expect(command.response_url?.startsWith(`${slackUrl}/commands/`)).toBe(true);
    expect(command.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    const shortcut = JSON.parse(new URLSearchParams(new TextDecoder().decode(bodies[2]?.raw)).get("payload") ?? "");
    expect(shortcut).toMatchObject({
      type: "message_action",
      callback_id: "fb.add_to_timeline",
      message: { text: "db is down" },
    });
  });

  it("carries the enterprise in Grid workspaces", async () => {
    const org = await emulator.seedEnterprise({
      name: "Acme Org",
      workspaces: [{ name: "Acme East" }, { name: "Acme West" }],
    });
    const [east, west] = org.workspaces;
    if (!east || !west) throw new Error("seed failed");
    expect(east.users.alice?.id).toBe(west.users.alice?.id);
    expect(east.users.alice?.id).toMatch(/^W/);
    const app = fakeApp(() => undefined);
    await driverFor(app.deliver).command({ team: east, user: "alice", channel: "general" });
    expect(app.received[0]?.payload).toMatchObject({
      enterprise_id: org.enterprise.id,
      enterprise_name: "Acme Org",
      team_id: east.team.id,
    });
  });

  it("refuses what a person could not do", async () => {
    const { ws } = await installedWorkspace();
    const driver = driverFor(async () => new Response(null));
    await expect(driver.command({ team: ws, user: "dave", channel: "general" })).rejects.toThrow(/deactivated/);
    await expect(driver.command({ team: ws, user: "carol", channel: "ops" })).rejects.toThrow(/not in #ops/);
  });
});

describe("events", () => {
  it("retries failures with X-Slack-Retry-Num / -Reason, and stops at X-Slack-No-Retry", async () => {
    const { ws } = await installedWorkspace();
    const statuses = [500, 503, 200];
    const app = fakeApp(() => new Response(null, { status: statuses.shift() ?? 200 }));
    const replies = await driverFor(app.deliver).event({
      team: ws,
      event: { type: "app_home_opened", user: ws.users.bob.id },
      eventId: "Ev0RETRY0001",
    });
    expect(replies.map((r) => r.status)).toEqual([500, 503, 200]);
    const headers = app.received.map((r) => [
      r.headers.get("x-slack-retry-num"),
      r.headers.get("x-slack-retry-reason"),
    ]);
    expect(headers).toEqual([
      [null, null],
      ["1", "http_error"],
      ["2", "http_error"],
    ]);
    expect(new Set(app.received.map((r) => r.payload.event_id))).toEqual(new Set(["Ev0RETRY0001"]));

    const refusing = fakeApp(() => new Response("no", { status: 400, headers: { "X-Slack-No-Retry": "1" } }));
    expect(await driverFor(refusing.deliver).event({ team: ws, event: { type: "app_home_opened" } })).toHaveLength(1);
  });

  it("counts a reply after the budget as a timeout and retries with http_timeout", async () => {
    const { ws } = await installedWorkspace();
    let calls = 0;
    const slowOnce = fakeApp(async () => {
      calls += 1;
      if (calls === 1) await new Promise((r) => setTimeout(r, 200));
    });
    const replies = await driverFor(slowOnce.deliver, { timeoutMs: 100 }).event({
      team: ws,
      event: { type: "app_home_opened" },
    });
    expect(replies.map((r) => r.timedOut)).toEqual([true, false]);
    expect(slowOnce.received[1]?.headers.get("x-slack-retry-reason")).toBe("http_timeout");
  });

  it("queues what people do, only where the app would hear it, and delivers it once", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    await emulator.postAsUser(ws, ws.channels.random.id, ws.users.alice.id, "nobody listening");
    const ts = (await emulator.postAsUser(ws, ws.channels.random.id, ws.users.alice.id, "pin me")).ts;
    await emulator.addReaction(ws, ws.channels.random.id, ts, ws.users.bob.id, "pushpin");
    expect(await emulator.outbox(ws)).toEqual([]);
    await emulator.addToChannel(ws, ws.channels.random.id, botUserId, ws.users.alice.id);
    await emulator.addReaction(ws, ws.channels.random.id, ts, ws.users.carol.id, "pushpin");
    await emulator.openAppHome(ws, ws.users.bob.id);
    const types = (await emulator.outbox(ws)).map((e) => e.event.type);
    expect(types).toEqual(["member_joined_channel", "reaction_added", "app_home_opened"]);
    const app = fakeApp(() => undefined);
    const delivered = await driverFor(app.deliver).deliverOutbox(ws);
    expect(delivered).toHaveLength(3);
    expect(app.received[0]?.payload).toMatchObject({
      type: "event_callback",
      team_id: ws.team.id,
      event: {
        type: "member_joined_channel",
        user: botUserId,
        channel: ws.channels.random.id,
        inviter: ws.users.alice.id,
      },
      authorizations: [{ team_id: ws.team.id, user_id: botUserId, is_bot: true }],
    });
    expect(await emulator.outbox(ws)).toEqual([]);
    expect((await call("chat.postMessage", { channel: ws.channels.random.id, text: "hi" }, bot)).body.ok).toBe(true);
  });
});

describe("against Firebreak", () => {
  it("gets an answer from the real worker and records what the person saw", async () => {
    const ws = await emulator.seedWorkspace({ name: "Not installed" });
    const driver = driverFor((req) => exports.default.fetch(req));
    const reply = await driver.command({ team: ws, user: "alice", channel: "general", text: "help" });
    expect(reply.status).toBe(200);
    expect(reply.timedOut).toBe(false);
    const seen = await emulator.seen(ws, ws.users.alice.id);
    expect(seen).toEqual([
      expect.objectContaining({ kind: "reply", responseType: "ephemeral", text: expect.stringMatching(/install/i) }),
    ]);
  });
});
