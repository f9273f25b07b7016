/**
 * Reminders from the cron, with the clock driven by the test: due after the severity's cadence,
 * once per due period even when cron runs overlap or a job comes twice, snoozable, and a
 * reminder to assign a commander when there is none.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runScheduled } from "../../src/jobs/scheduled";
import { declareViaSlack, incident, whenReady } from "../support/incidents";
import { driver, eventually, installedCompany, messagesIn, textOf } from "../support/world";

const MIN = 60_000;
const cron = (at: number) => runScheduled(createScheduledController({ scheduledTime: at }), env);

async function openIncident(severity = "SEV2") {
  const ws = await installedCompany();
  await declareViaSlack(ws, { values: { severity } });
  const ready = await whenReady(ws.team.id, 1);
  return { ws, ready, channel: ready.channel_id ?? "" };
}

const reminders = async (channel: string) =>
  (await messagesIn(channel)).filter((m) => m.text.startsWith("Reminder:") || m.text.includes("has no commander"));

describe("reminders", () => {
  it("reminds the commander once per due period, even when two cron runs overlap", async () => {
    const { ws, ready, channel } = await openIncident("SEV2");
    const declared =
      (
        await env.DB.prepare("SELECT declared_at FROM incidents WHERE id = ?")
          .bind(ready.id)
          .first<{ declared_at: number }>()
      )?.declared_at ?? 0;
    await cron(declared + 29 * MIN);
    await new Promise((r) => setTimeout(r, 300));
    expect(await reminders(channel)).toEqual([]);

    await Promise.all([cron(declared + 31 * MIN), cron(declared + 31 * MIN), cron(declared + 31 * MIN + 500)]);
    const first = await eventually("the reminder", async () => {
      const r = await reminders(channel);
      return r.length ? r : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await reminders(channel)).toHaveLength(1);
    const text = textOf(first[0]);
    expect(text).toContain(`<@${ws.users.alice.id}>`);
    expect(text).toContain("no update for 31m (SEV2 asks for one every 30m)");
    expect(JSON.stringify(first[0]?.blocks)).toContain("Post update");
    expect(JSON.stringify(first[0]?.blocks)).toContain("Snooze 30 min");

    // The same reminder job delivered again (Queues may): still one reminder.
    const claimed = await env.DB.prepare("SELECT last_reminder_at FROM incidents WHERE id = ?")
      .bind(ready.id)
      .first<{ last_reminder_at: number }>();
    const job = {
      type: "incident_reminder",
      incidentId: ready.id,
      teamId: ws.team.id,
      remindAt: claimed?.last_reminder_at,
      cadenceMinutes: 30,
    };
    await env.JOBS.send(job, { contentType: "json" });
    await env.JOBS.send(job, { contentType: "json" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await reminders(channel)).toHaveLength(1);

    // Still the same period a minute later: nothing new. The next period: one more.
    await cron(declared + 40 * MIN);
    await cron(declared + 62 * MIN);
    await eventually("the second reminder", async () => (await reminders(channel)).length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await reminders(channel)).toHaveLength(2);
  });

  it("waits for a fresh update, and honours Snooze 30 min", async () => {
    const { ws, ready, channel } = await openIncident("SEV1");
    await driver.command({ team: ws, user: "alice", channel, text: "update Investigating the primary" });
    const updatedAt = (await incident(ws.team.id, 1))?.last_update_at ?? 0;
    await cron(updatedAt + 10 * MIN);
    await new Promise((r) => setTimeout(r, 300));
    expect(await reminders(channel)).toEqual([]);
    await cron(updatedAt + 16 * MIN);
    const [reminder] = await eventually("the reminder", async () => {
      const r = await reminders(channel);
      return r.length ? r : undefined;
    });
    if (!reminder) throw new Error("no reminder");
    await driver.clickButton({
      team: ws,
      user: "alice",
      actionId: "fb.snooze",
      in: { message: { channel, ts: reminder.ts } },
    });
    const snoozed = await eventually("the snooze", async () => {
      const row = await env.DB.prepare("SELECT snoozed_until FROM incidents WHERE id = ?")
        .bind(ready.id)
        .first<{ snoozed_until: number | null }>();
      return row?.snoozed_until ?? undefined;
    });
    expect(snoozed).toBeGreaterThan(Date.now() + 29 * MIN);
    await eventually("the reminder says it was snoozed", async () =>
      textOf((await messagesIn(channel)).find((m) => m.ts === reminder.ts)).includes("snoozed until"),
    );
    // The snooze (30 min from the click) outlasts a SEV1 cadence (15 min).
    await cron(Date.now() + 20 * MIN);
    await new Promise((r) => setTimeout(r, 300));
    expect((await reminders(channel)).filter((m) => m.ts !== reminder.ts)).toEqual([]);
    await cron(snoozed + MIN);
    await eventually(
      "a reminder after the snooze",
      async () => (await reminders(channel)).filter((m) => m.ts !== reminder.ts).length === 1,
    );
  });

  it("asks for a commander when there is none", async () => {
    const { ready, channel } = await openIncident("SEV2");
    await env.DB.prepare("UPDATE incidents SET commander_id = NULL WHERE id = ?").bind(ready.id).run();
    const declared =
      (
        await env.DB.prepare("SELECT declared_at FROM incidents WHERE id = ?")
          .bind(ready.id)
          .first<{ declared_at: number }>()
      )?.declared_at ?? 0;
    await cron(declared + 31 * MIN);
    const [reminder] = await eventually("the reminder", async () => {
      const r = await reminders(channel);
      return r.length ? r : undefined;
    });
    expect(textOf(reminder)).toContain("has no commander");
    expect(JSON.stringify(reminder?.blocks)).toContain("Assign role");
  });

  it("uses the workspace's cadences, and sends none for a SEV4 or a turned-off workspace", async () => {
    const { ws, ready, channel } = await openIncident("SEV4");
    const declared =
      (
        await env.DB.prepare("SELECT declared_at FROM incidents WHERE id = ?")
          .bind(ready.id)
          .first<{ declared_at: number }>()
      )?.declared_at ?? 0;
    await cron(declared + 600 * MIN);
    await new Promise((r) => setTimeout(r, 300));
    expect(await reminders(channel)).toEqual([]);
    await env.DB.prepare("UPDATE installations SET reminder_sev4_minutes = 5 WHERE team_id = ?").bind(ws.team.id).run();
    await cron(declared + 601 * MIN);
    await eventually("a SEV4 reminder once its cadence is set", async () => (await reminders(channel)).length === 1);
    await env.DB.prepare("UPDATE installations SET enabled = 0 WHERE team_id = ?").bind(ws.team.id).run();
    await cron(declared + 700 * MIN);
    await new Promise((r) => setTimeout(r, 300));
    expect(await reminders(channel)).toHaveLength(1);
  });
});
