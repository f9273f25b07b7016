/** Retried and concurrent deliveries of one event are handled once (reliability.md). */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedInstallation } from "../support/installations";
import { fetchRecordingJobs } from "../support/observe";
import { eventBody, signedRequest } from "../support/slack-request";

const json = { contentType: "application/json" };
const homeOpened = { type: "app_home_opened", user: "U0ALICE", channel: "D0HOME", tab: "home" };

async function processedCount(eventId: string) {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM processed_events WHERE event_id = ?")
    .bind(eventId)
    .first<{ n: number }>();
  return row?.n;
}

beforeAll(async () => {
  await seedInstallation({ teamId: "T1" });
  await seedInstallation({ teamId: "T1OFF" });
  await env.DB.prepare("UPDATE installations SET enabled = 0 WHERE team_id = 'T1OFF'").run();
});

describe("events from a workspace Firebreak does not serve", () => {
  it("stores and queues nothing when it is not installed or turned off, except a revocation", async () => {
    const nobody = await fetchRecordingJobs(await signedRequest(eventBody("T0NOBODY", "EvNOBODY", homeOpened), json));
    const off = await fetchRecordingJobs(await signedRequest(eventBody("T1OFF", "EvOFF", homeOpened), json));
    expect([nobody.response.status, off.response.status]).toEqual([200, 200]);
    expect([...nobody.jobs, ...off.jobs]).toEqual([]);
    expect([await processedCount("EvNOBODY"), await processedCount("EvOFF")]).toEqual([0, 0]);
    const uninstalled = await fetchRecordingJobs(
      await signedRequest(eventBody("T1OFF", "EvUNINSTALL", { type: "app_uninstalled" }), json),
    );
    expect(uninstalled.jobs).toEqual([expect.objectContaining({ type: "slack_event", eventId: "EvUNINSTALL" })]);
  });
});

describe("event dedupe by event_id", () => {
  it("queues a retried delivery once", async () => {
    const body = eventBody("T1", "EvRETRY1", homeOpened);
    const first = await fetchRecordingJobs(await signedRequest(body, json));
    const retry = await fetchRecordingJobs(
      await signedRequest(body, {
        ...json,
        headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      }),
    );
    expect([first.response.status, retry.response.status]).toEqual([200, 200]);
    expect(first.jobs).toHaveLength(1);
    expect(first.jobs[0]).toMatchObject({ type: "slack_event", eventId: "EvRETRY1", teamId: "T1" });
    expect(retry.jobs).toEqual([]);
    expect(await processedCount("EvRETRY1")).toBe(1);
  });

  it("queues once when the retry arrives while the first delivery is still running", async () => {
    const body = eventBody("T1", "EvRACE1", homeOpened);
    const deliveries = await Promise.all(
      [0, 1, 2, 3].map(async (n) =>
        fetchRecordingJobs(
          await signedRequest(body, { ...json, headers: n ? { "x-slack-retry-num": String(n) } : {} }),
        ),
      ),
    );
    expect(deliveries.map((d) => d.response.status)).toEqual([200, 200, 200, 200]);
    expect(deliveries.flatMap((d) => d.jobs)).toHaveLength(1);
    expect(await processedCount("EvRACE1")).toBe(1);
  });

  it("queues two different events from the same workspace", async () => {
    const a = await fetchRecordingJobs(await signedRequest(eventBody("T1", "EvA", homeOpened), json));
    const b = await fetchRecordingJobs(await signedRequest(eventBody("T1", "EvB", homeOpened), json));
    expect([...a.jobs, ...b.jobs]).toHaveLength(2);
  });
});
