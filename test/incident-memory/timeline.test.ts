/** The timeline: notes, the "Add to timeline" shortcut, the 📌 reaction, automatic entries, paging. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { incidentById, timelineOf } from "../../src/incidents/queries";
import { addNote } from "../../src/incidents/updates";
import { declareViaSlack, whenReady } from "../support/incidents";
import { type Company, driver, emulator, eventually, installedCompany, lastSeen, textOf } from "../support/world";

let ws: Company;
let channel: string;
let incidentId: number;
const db = database(env.DB);

beforeAll(async () => {
  ws = await installedCompany();
  await declareViaSlack(ws);
  const ready = await whenReady(ws.team.id, 1);
  channel = ready.channel_id ?? "";
  incidentId = ready.id;
  await emulator.addToChannel(ws, channel, ws.users.bob.id, ws.users.alice.id);
  await emulator.takeOutbox(ws);
});

const notes = async () => (await timelineOf(db, incidentId)).filter((e) => e.kind === "note");

describe("adding to the timeline", () => {
  it("adds a message through the shortcut once, at its own time, with its author and permalink", async () => {
    const { ts } = await emulator.postAsUser(ws, channel, ws.users.bob.id, "Saw 5xx spike on checkout at 14:02");
    await new Promise((r) => setTimeout(r, 20));
    await driver.messageShortcut({ team: ws, user: "alice", callbackId: "fb.add_to_timeline", channel, messageTs: ts });
    const added = await eventually("the entry", async () => (await notes()).find((n) => n.text.includes("5xx spike")));
    expect(added.occurredAt).toBe(Math.round(Number(ts) * 1000));
    const data = JSON.parse(added.data);
    expect(data.source).toMatchObject({ channel, ts, authorId: ws.users.bob.id });
    expect(data.source.permalink).toContain(`/archives/${channel}/p${ts.replace(".", "")}`);
    expect(
      textOf(await eventually("the confirmation", async () => lastSeen(ws, ws.users.alice.id, "response_url"))),
    ).toContain("Added to INC-1's timeline");

    // A second click, and a 📌 on the same message: still one entry.
    await driver.messageShortcut({ team: ws, user: "alice", callbackId: "fb.add_to_timeline", channel, messageTs: ts });
    await eventually("the second answer", async () =>
      (await emulator.seen(ws, ws.users.alice.id)).some((s) => (s.text ?? "").includes("already on INC-1's timeline")),
    );
    await emulator.addReaction(ws, channel, ts, ws.users.bob.id, "pushpin");
    await driver.deliverOutbox(ws);
    await new Promise((r) => setTimeout(r, 500));
    expect((await notes()).filter((n) => n.text.includes("5xx spike"))).toHaveLength(1);
  });

  it("adds a message someone pins with 📌, once", async () => {
    const { ts } = await emulator.postAsUser(ws, channel, ws.users.bob.id, "Rolled back to build 812");
    await emulator.addReaction(ws, channel, ts, ws.users.bob.id, "pushpin");
    const [event] = await emulator.takeOutbox(ws);
    if (!event) throw new Error("no reaction_added");
    await driver.deliverEnvelope(event);
    await driver.deliverEnvelope(event);
    const added = await eventually("the pinned entry", async () =>
      (await notes()).find((n) => n.text === "Rolled back to build 812"),
    );
    expect(JSON.parse(added.data).source.authorId).toBe(ws.users.bob.id);
    await new Promise((r) => setTimeout(r, 300));
    expect((await notes()).filter((n) => n.text === "Rolled back to build 812")).toHaveLength(1);
    // Other reactions are not timeline material.
    const other = await emulator.postAsUser(ws, channel, ws.users.bob.id, "lol");
    await emulator.addReaction(ws, channel, other.ts, ws.users.bob.id, "joy");
    await driver.deliverOutbox(ws);
    await new Promise((r) => setTimeout(r, 300));
    expect((await notes()).some((n) => n.text === "lol")).toBe(false);
  });

  it("adds a reply in a thread that someone pins with 📌 (replies are not in the channel's history)", async () => {
    const parent = await emulator.postAsUser(ws, channel, ws.users.bob.id, "Looking at the DB");
    const reply = await emulator.postAsUser(ws, channel, ws.users.alice.id, "Replica lag is 40 s & rising", {
      threadTs: parent.ts,
    });
    await emulator.addReaction(ws, channel, reply.ts, ws.users.bob.id, "pushpin");
    await driver.deliverOutbox(ws);
    const added = await eventually("the pinned reply", async () =>
      (await notes()).find((n) => n.text === "Replica lag is 40 s & rising"),
    );
    expect(JSON.parse(added.data).source).toMatchObject({ ts: reply.ts, authorId: ws.users.alice.id });
  });

  it("says so when the shortcut is used outside an incident channel", async () => {
    const { ts } = await emulator.postAsUser(ws, ws.channels.general.id, ws.users.bob.id, "not an incident");
    await driver.messageShortcut({
      team: ws,
      user: "bob",
      callbackId: "fb.add_to_timeline",
      channel: ws.channels.general.id,
      messageTs: ts,
    });
    const answer = await eventually("the answer", async () => lastSeen(ws, ws.users.bob.id, "response_url"));
    expect(textOf(answer)).toContain("isn't in an incident channel");
  });

  it("records every change automatically", async () => {
    const say = (text: string) => driver.command({ team: ws, user: "alice", channel, text });
    await say("sev 1");
    await say("status identified");
    await say(`role scribe <@${ws.users.bob.id}>`);
    await say("update Failover started");
    await say("resolve Failed over");
    const kinds = (await timelineOf(db, incidentId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["declared", "severity", "status", "role", "update", "resolved"]));
  });
});

describe("/incident timeline", () => {
  it("pages a 200-entry timeline, newest page first, within Slack's limits", async () => {
    const incident = await incidentById(db, incidentId);
    if (!incident) throw new Error("gone");
    const base = Date.now() - 200 * 60_000;
    for (let i = 0; i < 200; i++)
      await addNote(db, incident, `Entry ${i + 1}: ${"details ".repeat(20)}`, ws.users.alice.id, base + i * 60_000);
    const reply = await driver.command({ team: ws, user: "alice", channel, text: "timeline" });
    expect(reply.status).toBe(200);
    expect(reply.problem).toBeUndefined();
    const page = await lastSeen(ws, ws.users.alice.id, "reply");
    const text = textOf(page);
    const total = (await timelineOf(db, incidentId)).length;
    expect(text).toContain(`${total} entries · page ${Math.ceil(total / 25)} of ${Math.ceil(total / 25)}`);
    expect(text).not.toContain("Entry 1:");
    expect(page?.blocks?.length).toBeLessThanOrEqual(50);
    if (!page) throw new Error("no page");
    await driver.clickButton({
      team: ws,
      user: "alice",
      actionId: `fb.timeline_page.${Math.ceil(total / 25) - 2}`,
      in: { ephemeral: page },
    });
    const earlier = await eventually("the earlier page", async () => {
      const seen = await lastSeen(ws, ws.users.alice.id, "response_url");
      return textOf(seen).includes(`page ${Math.ceil(total / 25) - 1} of`) ? seen : undefined;
    });
    expect(textOf(earlier)).toContain("Entry");
  });
});
