/** response_urls: 5 posts in 30 minutes; ephemeral vs in_channel; replace_original / delete_original. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SlackDriver } from "../slack-emulator/driver";
import { call, emulator, fakeApp, installedWorkspace, type Payload, slackUrl } from "./support";

const menu = {
  response_type: "ephemeral",
  text: "Incident options",
  blocks: [
    { type: "header", text: { type: "plain_text", text: "Incident options" } },
    {
      type: "actions",
      elements: [{ type: "button", action_id: "fb.declare", text: { type: "plain_text", text: "Declare incident" } }],
    },
  ],
};

async function setup(answer: (p: Payload) => unknown = () => menu) {
  const installed = await installedWorkspace();
  const payloads: Payload[] = [];
  const app = fakeApp((p) => {
    payloads.push(p);
    return answer(p);
  });
  const driver = new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver: app.deliver });
  const alice = installed.ws.users.alice.id;
  return { ...installed, payloads, driver, alice };
}

const postTo = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("response_url", () => {
  it("takes 5 posts, then answers used_url", async () => {
    const { driver, ws, alice, payloads } = await setup(() => undefined);
    await driver.command({ team: ws, user: alice, channel: "general" });
    const url: string = payloads[0].response_url;
    expect(url.startsWith(`${slackUrl}/commands/${ws.team.id}/`)).toBe(true);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await postTo(url, { text: `update ${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    const last = await postTo(url, { text: "again" });
    expect(await last.json()).toEqual({ ok: false, error: "used_url" });
    const seen = (await emulator.seen(ws, alice)).filter((s) => s.kind === "response_url");
    expect(seen.map((s) => s.text)).toEqual(["update 0", "update 1", "update 2", "update 3", "update 4"]);
  });

  it("expires after 30 minutes and refuses empty posts", async () => {
    const { driver, ws, alice, payloads } = await setup(() => undefined);
    await driver.command({ team: ws, user: alice, channel: "general" });
    const url: string = payloads[0].response_url;
    expect((await postTo(url, {})).status).toBe(400);
    await emulator.setClockOffset(30 * 60 * 1000 + 1000, ws);
    expect(await (await postTo(url, { text: "late" })).json()).toEqual({ ok: false, error: "expired_url" });
  });

  it("replaces and deletes the command's answer; in_channel posts to the channel", async () => {
    const { driver, ws, alice, payloads, bot } = await setup();
    const reply = await driver.command({ team: ws, user: alice, channel: "general", text: "help" });
    expect(reply.status).toBe(200);
    const url: string = payloads[0].response_url;
    await postTo(url, { replace_original: true, text: "Declaring INC-1…" });
    let seen = await emulator.seen(ws, alice);
    expect(seen.map((s) => [s.kind, s.text, s.replaced])).toEqual([
      ["reply", "Incident options", true],
      ["response_url", "Declaring INC-1…", false],
    ]);
    await postTo(url, { delete_original: true });
    seen = await emulator.seen(ws, alice);
    expect(seen[1]?.deleted).toBe(true);
    // in_channel through the response_url works even where the bot is not a member.
    expect((await call("chat.postMessage", { channel: ws.channels.general.id, text: "x" }, bot)).body.error).toBe(
      "not_in_channel",
    );
    await postTo(url, { response_type: "in_channel", text: "INC-1 declared" });
    expect((await emulator.history(ws.channels.general.id)).at(-1)?.text).toBe("INC-1 declared");
  });

  it("sends block_actions from an ephemeral without a message copy, and from a channel message with one", async () => {
    const { driver, ws, alice, payloads, bot } = await setup((p) => (p.command ? menu : undefined));
    await driver.command({ team: ws, user: alice, channel: "general" });
    const [menuItem] = await emulator.seen(ws, alice);
    if (!menuItem) throw new Error("no menu seen");
    await driver.clickButton({ team: ws, user: alice, actionId: "fb.declare", in: { ephemeral: menuItem } });
    const click = payloads[1];
    expect(click).toMatchObject({
      type: "block_actions",
      user: { id: alice, team_id: ws.team.id },
      team: { id: ws.team.id, domain: ws.team.domain },
      container: { type: "message", channel_id: ws.channels.general.id, is_ephemeral: true },
      actions: [{ type: "button", action_id: "fb.declare", text: { text: "Declare incident" } }],
      api_app_id: expect.stringMatching(/^A/),
    });
    expect(click.message).toBeUndefined();
    expect(click.trigger_id).not.toBe(payloads[0].trigger_id);
    await postTo(click.response_url, { replace_original: true, text: "Opening…" });
    expect((await emulator.seen(ws, alice)).map((s) => s.replaced)).toEqual([true, false]);
    await expect(
      driver.clickButton({ team: ws, user: alice, actionId: "fb.declare", in: { ephemeral: menuItem } }),
    ).rejects.toThrow(/replaced/);

    await call("conversations.join", { channel: ws.channels.general.id }, bot);
    const posted = await call(
      "chat.postMessage",
      { channel: ws.channels.general.id, text: "Summary", blocks: menu.blocks },
      bot,
    );
    await driver.clickButton({
      team: ws,
      user: alice,
      actionId: "fb.declare",
      in: { message: { channel: ws.channels.general.id, ts: posted.body.ts } },
    });
    const fromMessage = payloads[2];
    expect(fromMessage.message).toMatchObject({ ts: posted.body.ts, text: "Summary" });
    expect(fromMessage.channel).toEqual({ id: ws.channels.general.id, name: "general" });
    await postTo(fromMessage.response_url, { replace_original: true, text: "Summary v2" });
    expect((await emulator.history(ws.channels.general.id)).find((m) => m.ts === posted.body.ts)?.text).toBe(
      "Summary v2",
    );
    await expect(
      driver.clickButton({
        team: ws,
        user: alice,
        actionId: "fb.nope",
        in: { message: { channel: ws.channels.general.id, ts: posted.body.ts } },
      }),
    ).rejects.toThrow(/no button "fb.nope"/);
  });
});

describe("command replies", () => {
  it("posts in_channel replies to the channel and shows invalid ones as Slack's error", async () => {
    const answers: unknown[] = [
      { response_type: "in_channel", text: "INC-7 is open" },
      { text: "x", blocks: [{ type: "section" }] },
      new Response("boom", { status: 500 }),
    ];
    const { driver, ws, alice } = await setup(() => answers.shift());
    await driver.command({ team: ws, user: alice, channel: "general" });
    expect((await emulator.history(ws.channels.general.id)).at(-1)).toMatchObject({
      text: "INC-7 is open",
      bot_id: expect.any(String),
    });
    const invalid = await driver.command({ team: ws, user: alice, channel: "general" });
    expect(invalid.problem).toBe("invalid_blocks");
    const failed = await driver.command({ team: ws, user: alice, channel: "general" });
    expect(failed.problem).toBe("dispatch_failed");
    const seen = await emulator.seen(ws, alice);
    expect(seen.map((s) => [s.responseType ?? null, s.error ?? null])).toEqual([
      ["in_channel", null],
      [null, "invalid_blocks"],
      [null, "dispatch_failed"],
    ]);
  });
});
