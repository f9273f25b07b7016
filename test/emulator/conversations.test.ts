/** conversations.* rejects what Slack rejects: names, duplicates, scopes, channels the bot can't see. */
import { describe, expect, it } from "vitest";
import { call, emulator, install, installedWorkspace } from "./support";

describe("conversations.create", () => {
  it.each([
    ["", "invalid_name_required"],
    ["a".repeat(81), "invalid_name_maxlength"],
    ["Incident", "invalid_name_specials"],
    ["inc 1", "invalid_name_specials"],
    ["inc.1", "invalid_name_specials"],
    ["---", "invalid_name_punctuation"],
    ["_-_", "invalid_name_punctuation"],
  ])("refuses the name %j with %s", async (name, error) => {
    const { bot } = await installedWorkspace();
    const res = await call("conversations.create", { name }, bot);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, error });
  });

  it("accepts 80 characters, digits, - and _; the bot is creator and member", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    const name = `inc-1_${"x".repeat(74)}`;
    const res = await call("conversations.create", { name }, bot);
    expect(res.body.ok).toBe(true);
    expect(res.body.channel).toMatchObject({ name, is_private: false, creator: botUserId, is_member: true });
    const channel = await emulator.channel(res.body.channel.id);
    expect(channel.members).toEqual([botUserId]);
    expect(channel.teamId).toBe(ws.team.id);
  });

  it("answers name_taken for an existing name, archived or not, and never says which channel", async () => {
    const { bot } = await installedWorkspace({
      name: "Taken",
      channels: [
        { key: "general", name: "general" },
        { key: "old", name: "inc-old", archived: true },
      ],
    });
    expect((await call("conversations.create", { name: "general" }, bot)).body).toEqual({
      ok: false,
      error: "name_taken",
    });
    expect((await call("conversations.create", { name: "inc-old" }, bot)).body).toEqual({
      ok: false,
      error: "name_taken",
    });
  });

  it("lets two concurrent creates with one name both succeed (Slack's race)", async () => {
    const { ws, bot } = await installedWorkspace();
    const [a, b] = await Promise.all([
      call("conversations.create", { name: "inc-race" }, bot),
      call("conversations.create", { name: "inc-race" }, bot),
    ]);
    expect(a.body.ok && b.body.ok).toBe(true);
    expect(a.body.channel.id).not.toBe(b.body.channel.id);
    const named = (await emulator.channels(ws)).filter((c) => c.name === "inc-race");
    expect(named).toHaveLength(2);
  });

  it("needs groups:write for a private channel and says so", async () => {
    const ws = await emulator.seedWorkspace({ name: "Scopes" });
    const { bot } = await install(ws, { scope: "commands,chat:write,channels:manage" });
    const res = await call("conversations.create", { name: "secret", is_private: "true" }, bot);
    expect(res.body).toEqual({
      ok: false,
      error: "missing_scope",
      needed: "groups:write",
      provided: "commands,chat:write,channels:manage",
    });
  });
});

describe("conversations.invite / join / info / list", () => {
  it("invites only into channels the bot is in, and fails the whole call on one bad id", async () => {
    const { ws, bot } = await installedWorkspace();
    const { users, channels } = ws;
    expect(
      (await call("conversations.invite", { channel: channels.random.id, users: users.bob.id }, bot)).body.error,
    ).toBe("not_in_channel");
    expect(
      (await call("conversations.invite", { channel: channels.ops.id, users: users.bob.id }, bot)).body.error,
    ).toBe("channel_not_found");
    const created = (await call("conversations.create", { name: "inc-2" }, bot)).body.channel.id;
    const bad = await call("conversations.invite", { channel: created, users: `${users.alice.id},U0NOBODY00` }, bot);
    expect(bad.body).toMatchObject({ ok: false, error: "user_not_found" });
    expect((await emulator.channel(created)).members).not.toContain(users.alice.id);
    const dave = await call("conversations.invite", { channel: created, users: users.dave.id }, bot);
    expect(dave.body.error).toBe("cant_invite");
    expect((await call("conversations.invite", { channel: created, users: users.alice.id }, bot)).body.ok).toBe(true);
    const again = await call("conversations.invite", { channel: created, users: users.alice.id }, bot);
    expect(again.body.error).toBe("already_in_channel");
  });

  it("joins public channels only, and hides private ones the bot is not in", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    expect((await call("conversations.join", { channel: ws.channels.ops.id }, bot)).body.error).toBe(
      "channel_not_found",
    );
    expect((await call("conversations.info", { channel: ws.channels.ops.id }, bot)).body.error).toBe(
      "channel_not_found",
    );
    const joined = await call("conversations.join", { channel: ws.channels.random.id }, bot);
    expect(joined.body.channel.is_member).toBe(true);
    expect((await emulator.channel(ws.channels.random.id)).members).toContain(botUserId);
    const list = await call("conversations.list", { types: "public_channel,private_channel", limit: 1 }, bot);
    expect(list.body.channels).toHaveLength(1);
    const next = list.body.response_metadata.next_cursor;
    expect(next).not.toBe("");
    const rest = await call("conversations.list", { types: "public_channel,private_channel", cursor: next }, bot);
    const names = [...list.body.channels, ...rest.body.channels].map((c: { name: string }) => c.name);
    expect(names.sort()).toEqual(["general", "random"]);
    expect((await call("conversations.list", { cursor: "garbage" }, bot)).body.error).toBe("invalid_cursor");
  });

  it("keeps topics to 250 characters and records who set them", async () => {
    const { bot, botUserId } = await installedWorkspace();
    const id = (await call("conversations.create", { name: "inc-topic" }, bot)).body.channel.id;
    expect((await call("conversations.setTopic", { channel: id, topic: "x".repeat(251) }, bot)).body.error).toBe(
      "too_long",
    );
    expect((await call("conversations.setTopic", { channel: id, topic: "SEV2 · Investigating" }, bot)).body.ok).toBe(
      true,
    );
    const channel = await emulator.channel(id);
    expect(channel.topic).toMatchObject({ value: "SEV2 · Investigating", creator: botUserId });
  });
});
