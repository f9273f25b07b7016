/** Every channel-scoped sub-command, as people type them in an incident channel. */
import { env } from "cloudflare:workers";
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
let incidentId: number;

const say = (text: string, user: keyof Company["users"] = "alice", where = channel) =>
  driver.command({ team: ws, user, channel: where, text });
const replyTo = async (user: keyof Company["users"] = "alice") =>
  textOf(await lastSeen(ws, ws.users[user].id, "reply"));
const summaryText = async () => {
  const ts = await effect(`incident:${incidentId}:summary`);
  return textOf((await emulator.history(channel)).find((m) => m.ts === ts));
};
const announcement = async () => {
  const ts = await effect(`incident:${incidentId}:announce`);
  const history = await emulator.history(ws.channels.incidents.id);
  return { root: history.find((m) => m.ts === ts), replies: history.filter((m) => m.thread_ts === ts && m.ts !== ts) };
};

beforeAll(async () => {
  ws = await installedCompany();
  await declareViaSlack(ws, { values: { severity: "SEV2" } });
  const ready = await whenReady(ws.team.id, 1);
  channel = ready.channel_id ?? "";
  incidentId = ready.id;
});

describe("sub-commands in the incident channel", () => {
  it("status: sets it, and the summary, topic, announcement and its thread follow", async () => {
    await say("status identified");
    expect(await replyTo()).toContain("INC-1 is now *Identified*");
    await whenSynced(ws.team.id, 1);
    expect(await summaryText()).toContain("Identified");
    expect((await emulator.channel(channel)).topic.value).toBe(`SEV2 · Identified · Commander <@${ws.users.alice.id}>`);
    const { root, replies } = await eventually("the thread reply", async () => {
      const a = await announcement();
      return a.replies.length ? a : undefined;
    });
    expect(textOf(root)).toContain("*Identified*");
    expect(replies.map((r) => textOf(r))).toEqual([expect.stringContaining("Status is now *Identified*")]);
    expect((await messagesIn(channel)).some((m) => textOf(m).includes("Status is now *Identified*"))).toBe(true);
    await say("status identified");
    expect(await replyTo()).toContain("already Identified");
  });

  it("sev: changes the severity everywhere", async () => {
    await say("sev 1");
    expect(await replyTo()).toContain("SEV1 · Critical");
    await whenSynced(ws.team.id, 1);
    expect((await emulator.channel(channel)).topic.value).toMatch(/^SEV1 · /);
    expect(await summaryText()).toContain("SEV1 · Critical");
  });

  it("role: assigns, invites the person and sends them their duties", async () => {
    await say(`role comms <@${ws.users.carol.id}|carol>`);
    expect(await replyTo()).toContain(`<@${ws.users.carol.id}> is the communications lead of INC-1`);
    await eventually("carol in the channel", async () =>
      (await emulator.channel(channel)).members.includes(ws.users.carol.id),
    );
    const dm = await eventually("carol's duties", async () => lastSeen(ws, ws.users.carol.id, "dm"));
    expect(textOf(dm)).toContain("Communications lead");
    expect(textOf(dm)).toContain("Keep stakeholders informed");
    expect((await incident(ws.team.id, 1))?.comms_id).toBe(ws.users.carol.id);
  });

  it("lead: makes someone the commander, and the topic says so", async () => {
    await say(`lead <@${ws.users.erin.id}>`);
    await whenSynced(ws.team.id, 1);
    expect((await emulator.channel(channel)).topic.value).toContain(`Commander <@${ws.users.erin.id}>`);
    await eventually("erin invited", async () => (await emulator.channel(channel)).members.includes(ws.users.erin.id));
  });

  it("role: refuses a deactivated person, someone from another workspace, and a non-mention", async () => {
    await say(`role scribe <@${ws.users.dave.id}>`);
    expect(await replyTo()).toContain("deactivated");
    const other = await emulator.seedWorkspace({ name: "Elsewhere" });
    await say(`role scribe <@${other.users.bob.id}>`);
    expect(await replyTo()).toMatch(/can't find that person|isn't in this workspace/);
    await say("role scribe bob");
    expect(await replyTo()).toContain("Mention the person");
    expect((await incident(ws.team.id, 1))?.scribe_id).toBeNull();
  });

  it("update: posts it in the channel and under the announcement, and resets the reminder clock", async () => {
    const before = (await incident(ws.team.id, 1))?.last_update_at ?? 0;
    await say('update "Replica promoted; error rate falling"');
    expect(await replyTo()).toContain("Update posted");
    await eventually("the update in the channel", async () =>
      (await messagesIn(channel)).find((m) => textOf(m).includes("Replica promoted; error rate falling")),
    );
    const { replies } = await eventually("the update under the announcement", async () => {
      const a = await announcement();
      return a.replies.some((r) => textOf(r).includes("Replica promoted")) ? a : undefined;
    });
    expect(replies.filter((r) => textOf(r).includes("Replica promoted"))).toHaveLength(1);
    expect((await incident(ws.team.id, 1))?.last_update_at).toBeGreaterThan(before);
  });

  it("note and timeline: the note is on the timeline, shown in the viewer's time zone", async () => {
    await say("note Rolled back deploy 4411", "carol");
    expect(await replyTo("carol")).toContain("Added to INC-1's timeline");
    await say("timeline", "carol");
    const timeline = await replyTo("carol");
    expect(timeline).toContain("Timeline · INC-1");
    expect(timeline).toContain("Rolled back deploy 4411");
    expect(timeline).toContain("Declared as SEV2");
    expect(timeline).toMatch(/<!date\^\d+\^\{date_short\} \{time\}\|/);
  });

  it("list: shows the open incidents with their channel", async () => {
    await say("list", "bob", "general");
    const list = await replyTo("bob");
    expect(list).toContain("Open incidents (1)");
    expect(list).toContain(`<#${channel}>`);
  });

  it("outside an incident channel, points to /incident list", async () => {
    await say("status monitoring", "bob", "general");
    expect(await replyTo("bob")).toContain("This isn't an incident channel");
    expect(await replyTo("bob")).toContain("`/incident list`");
  });

  it("resolve without a summary asks for one in a modal", async () => {
    await say("resolve");
    const modal = await topModal(ws, ws.users.alice.id, "fb.resolve_modal");
    expect(modal.title?.text).toBe("Resolve incident");
    await driver.closeView({ team: ws, user: "alice", viewId: modal.id });
  });

  it("resolve: resolves, records the duration, and links the postmortem draft", async () => {
    await say("resolve Failed over to the replica");
    expect(await replyTo()).toContain("INC-1 is resolved");
    await whenSynced(ws.team.id, 1);
    const row = await incident(ws.team.id, 1);
    expect(row?.status).toBe("resolved");
    expect(row?.resolved_at).toBeGreaterThan(0);
    const link = await eventually("the postmortem link", async () =>
      (await messagesIn(channel)).find((m) => m.text.includes("Postmortem draft")),
    );
    expect(link.text).toContain(`https://firebreak.test/incidents/${incidentId}/postmortem.md`);
    const bookmarks = await eventually("the bookmark", async () => {
      const b = await emulator.bookmarks(channel);
      return b.length ? b : undefined;
    });
    expect(bookmarks.map((b) => b.title)).toEqual(["Postmortem draft"]);
    const draft = await env.DB.prepare("SELECT markdown FROM postmortems WHERE incident_id = ?")
      .bind(incidentId)
      .first<{ markdown: string }>();
    expect(draft?.markdown).toContain("**Resolution:** Failed over to the replica");
    expect(textOf((await announcement()).root)).toContain("resolved after");
    await say("resolve again");
    expect(await replyTo()).toContain("already resolved");
  });

  it("postmortem: rewrites the draft on request", async () => {
    await say("postmortem");
    expect(await replyTo()).toContain("Writing the postmortem draft");
    await eventually("the refreshed draft", async () =>
      (await emulator.seen(ws, ws.users.alice.id)).some(
        (s) => s.kind === "response_url" && (s.text ?? "").includes("is up to date"),
      ),
    );
    expect((await messagesIn(channel)).filter((m) => m.text.includes("Postmortem draft for INC-1"))).toHaveLength(1);
  });
});
