/** chat.*, pins, reactions: posting only where the bot may, editing only its own, Block Kit limits. */
import { describe, expect, it } from "vitest";
import { call, emulator, install, installedWorkspace } from "./support";

describe("chat.postMessage", () => {
  it("refuses channels the bot is not in, can't see, or that are archived", async () => {
    const { ws, bot } = await installedWorkspace({
      name: "Posting",
      channels: [
        { key: "general", name: "general" },
        { key: "ops", name: "ops", private: true, members: ["alice"] },
        { key: "old", name: "old", archived: true },
      ],
    });
    const post = (channel: string) => call("chat.postMessage", { channel, text: "hi" }, bot);
    expect((await post(ws.channels.general.id)).body.error).toBe("not_in_channel");
    expect((await post(ws.channels.ops.id)).body.error).toBe("channel_not_found");
    expect((await post("C0NOSUCH000")).body.error).toBe("channel_not_found");
    expect((await post(ws.channels.old.id)).body.error).toBe("is_archived");
    await call("conversations.join", { channel: ws.channels.general.id }, bot);
    const ok = await post("#general");
    expect(ok.body).toMatchObject({ ok: true, channel: ws.channels.general.id, message: { text: "hi" } });
    const history = await emulator.history(ws.channels.general.id);
    expect(history.at(-1)).toMatchObject({ ts: ok.body.ts, text: "hi", bot_id: expect.stringMatching(/^B/) });
  });

  it("checks text and blocks", async () => {
    const { ws, bot } = await installedWorkspace();
    // Refused calls count against chat.postMessage's 1/s per channel too: lift it for this test.
    await emulator.setRateLimits(ws, { enabled: false });
    await call("conversations.join", { channel: ws.channels.random.id }, bot);
    const post = (args: Record<string, unknown>) =>
      call("chat.postMessage", { channel: ws.channels.random.id, ...args }, bot);
    expect((await post({})).body.error).toBe("no_text");
    expect((await post({ blocks: [] })).body.error).toBe("no_text");
    expect((await post({ text: "x".repeat(40_001) })).body.error).toBe("msg_too_long");
    expect((await post({ blocks: "not json" })).body.error).toBe("invalid_blocks_format");
    const long = await post({ blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] });
    expect(long.body).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(long.body.response_metadata.messages).toEqual([
      "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ]);
    const dup = await post({
      text: "x",
      blocks: [
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "a", text: { type: "plain_text", text: "A" } },
            { type: "button", action_id: "a", text: { type: "plain_text", text: "B" } },
          ],
        },
      ],
    });
    expect(dup.body.error).toBe("invalid_blocks");
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect((await post({ text: "x", blocks: tooMany })).body.error).toBe("invalid_blocks");
  });

  it("posts to a user id in the bot's DM with them, which the person sees", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    const res = await call("chat.postMessage", { channel: ws.users.bob.id, text: "You are the commander" }, bot);
    expect(res.body.ok).toBe(true);
    expect(res.body.channel).toMatch(/^D/);
    const im = await emulator.channel(res.body.channel);
    expect(im).toMatchObject({ is_im: true, user: ws.users.bob.id });
    expect(im.members.sort()).toEqual([botUserId, ws.users.bob.id].sort());
    const seen = await emulator.seen(ws, ws.users.bob.id);
    expect(seen).toEqual([expect.objectContaining({ kind: "dm", text: "You are the commander", ts: res.body.ts })]);
    const dead = await call("chat.postMessage", { channel: ws.users.dave.id, text: "hi" }, bot);
    expect(dead.body.error).toBe("channel_not_found");
  });
});

describe("chat.update / postEphemeral / getPermalink", () => {
  it("updates only the bot's own messages", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const human = await emulator.postAsUser(ws, channel, ws.users.alice.id, "I am alice");
    expect((await call("chat.update", { channel, ts: human.ts, text: "hacked" }, bot)).body.error).toBe(
      "cant_update_message",
    );
    expect((await call("chat.update", { channel, ts: "1700000000.000001", text: "x" }, bot)).body.error).toBe(
      "message_not_found",
    );
    const mine = await call("chat.postMessage", { channel, text: "v1" }, bot);
    const updated = await call("chat.update", { channel, ts: mine.body.ts, text: "v2" }, bot);
    expect(updated.body).toMatchObject({ ok: true, ts: mine.body.ts, text: "v2" });
    const stored = (await emulator.history(channel)).find((m) => m.ts === mine.body.ts);
    expect(stored).toMatchObject({ text: "v2", edited: { user: botUserId } });
  });

  it("posts ephemerals only to members, where the bot is", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = (await call("conversations.create", { name: "inc-eph" }, bot)).body.channel.id;
    const eph = (user: string) => call("chat.postEphemeral", { channel, user, text: "only you" }, bot);
    expect((await eph(ws.users.alice.id)).body.error).toBe("user_not_in_channel");
    await call("conversations.invite", { channel, users: ws.users.alice.id }, bot);
    const ok = await eph(ws.users.alice.id);
    expect(ok.body.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(await emulator.seen(ws, ws.users.alice.id)).toEqual([
      expect.objectContaining({ kind: "ephemeral", text: "only you", channel }),
    ]);
    expect((await emulator.history(channel)).some((m) => m.text === "only you")).toBe(false);
    const notIn = await call(
      "chat.postEphemeral",
      { channel: ws.channels.random.id, user: ws.users.bob.id, text: "x" },
      bot,
    );
    expect(notIn.body.error).toBe("not_in_channel");
  });

  it("gives permalinks for messages that exist", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const { body } = await call("chat.postMessage", { channel, text: "link me" }, bot);
    const link = await call("chat.getPermalink", { channel, message_ts: body.ts }, bot);
    expect(link.body.permalink).toBe(
      `https://${ws.team.domain}.slack.com/archives/${channel}/p${body.ts.replace(".", "")}`,
    );
    expect((await call("chat.getPermalink", { channel, message_ts: "1.000001" }, bot)).body.error).toBe(
      "message_not_found",
    );
  });
});

describe("pins, reactions, bookmarks", () => {
  it("pins once", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const { body } = await call("chat.postMessage", { channel, text: "summary" }, bot);
    expect((await call("pins.add", { channel, timestamp: body.ts }, bot)).body.ok).toBe(true);
    expect((await call("pins.add", { channel, timestamp: body.ts }, bot)).body.error).toBe("already_pinned");
    expect((await emulator.pins(channel)).map((m) => m.ts)).toEqual([body.ts]);
  });

  it("needs reactions:write to react (Firebreak only asks for reactions:read)", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const { body } = await call("chat.postMessage", { channel, text: "react" }, bot);
    const denied = await call("reactions.add", { channel, timestamp: body.ts, name: "eyes" }, bot);
    expect(denied.body).toMatchObject({ ok: false, error: "missing_scope", needed: "reactions:write" });
    const ws2 = await emulator.seedWorkspace({ name: "Reacting" });
    const { bot: bot2 } = await install(ws2, { scope: "chat:write,channels:join,reactions:write" });
    const ch2 = ws2.channels.general.id;
    await call("conversations.join", { channel: ch2 }, bot2);
    const msg = await call("chat.postMessage", { channel: ch2, text: "react" }, bot2);
    expect((await call("reactions.add", { channel: ch2, timestamp: msg.body.ts, name: ":eyes:" }, bot2)).body.ok).toBe(
      true,
    );
    expect((await call("reactions.add", { channel: ch2, timestamp: msg.body.ts, name: "eyes" }, bot2)).body.error).toBe(
      "already_reacted",
    );
    expect(await emulator.reactions(ch2, msg.body.ts)).toEqual([expect.objectContaining({ name: "eyes", count: 1 })]);
  });

  it("bookmarks links only", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const add = (link: string) =>
      call("bookmarks.add", { channel_id: channel, title: "Postmortem", type: "link", link }, bot);
    expect((await add("javascript:alert(1)")).body.error).toBe("invalid_link");
    expect((await add("https://firebreak.test/incidents/1")).body.bookmark).toMatchObject({ title: "Postmortem" });
    expect(await emulator.bookmarks(channel)).toHaveLength(1);
  });
});
