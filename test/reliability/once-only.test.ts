/**
 * The once-only mechanism on its own, under more ambiguity than Slack ever shows: posts that
 * happen and then fail, history lookups that fail, and three callers per key at once. Every
 * key must be posted exactly once. (It caught a takeover that moved the lookup window past the
 * attempt it was meant to find.)
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { database } from "../../src/db/client";
import { outcomeOfFailure } from "../../src/jobs/failure-outcome";
import { postOnce } from "../../src/jobs/post-once";
import { openWorkspace } from "../../src/jobs/workspace";
import { emulator, installedCompany } from "../support/world";

it("posts each key exactly once under ambiguous failures and concurrent callers", async () => {
  const ws = await installedCompany();
  const db = database(env.DB);
  await emulator.setRateLimits(ws, { enabled: false });
  const workspace = await openWorkspace(env, db, { teamId: ws.team.id });
  await workspace.slack.conversations.join({ channel: ws.channels.random.id });
  await emulator.setFaults(ws, {
    seed: 11,
    error500: 0.2,
    ambiguous: 0.35,
    methods: ["chat.postMessage", "conversations.history"],
  });

  const keys = Array.from({ length: 15 }, (_, i) => `once:${ws.team.id}:${i}`);
  const caller = async (key: string) => {
    for (let attempt = 1; attempt <= 200; attempt++) {
      try {
        return await postOnce(db, await openWorkspace(env, db, { teamId: ws.team.id }), key, ws.channels.random.id, {
          text: key,
        });
      } catch (err) {
        const outcome = outcomeOfFailure(err, attempt);
        if (outcome?.kind !== "retry") throw err;
        await new Promise((r) => setTimeout(r, Math.min(outcome.delaySeconds, 0.5) * 1000));
      }
    }
    throw new Error(`${key}: gave up`);
  };
  const results = await Promise.all(keys.flatMap((key) => [caller(key), caller(key), caller(key)]));

  const posted = (await emulator.history(ws.channels.random.id)).filter((m) => m.text.startsWith("once:"));
  const perKey = new Map<string, string[]>();
  for (const m of posted) perKey.set(m.text, [...(perKey.get(m.text) ?? []), m.ts]);
  expect([...perKey.values()].filter((ts) => ts.length !== 1)).toEqual([]);
  expect(perKey.size).toBe(keys.length);
  // Every caller got the ts of the one real post.
  keys.forEach((key, i) => {
    for (const r of results.slice(i * 3, i * 3 + 3)) expect(r).toBe(perKey.get(key)?.[0]);
  });
  const faults = (await emulator.stats(ws)).faultsInjected;
  expect((faults.ambiguous ?? 0) + (faults["500"] ?? 0)).toBeGreaterThan(10);
}, 120_000);

it("keeps looking from the first attempt when a takeover could not look", async () => {
  const ws = await installedCompany();
  const db = database(env.DB);
  await emulator.setRateLimits(ws, { enabled: false });
  const workspace = await openWorkspace(env, db, { teamId: ws.team.id });
  await workspace.slack.conversations.join({ channel: ws.channels.random.id });
  const key = `once-window:${ws.team.id}`;
  // The post happens and answers 500; the lookup that should find it fails too.
  const started = Date.now();
  await emulator.setFaults(ws, {
    seed: 3,
    ambiguous: 1,
    methods: ["chat.postMessage"],
    scripted: [{ method: "conversations.history", error: "internal_error", times: 10 }],
  });
  await expect(postOnce(db, workspace, key, ws.channels.random.id, { text: key })).rejects.toThrow();
  const row = await env.DB.prepare("SELECT * FROM slack_effects WHERE key = ?")
    .bind(key)
    .first<{ state: string; attempted_at: number; claimed_until: number }>();
  expect(row?.state).toBe("pending");
  // The in-place retry took the claim over 250 ms later and failed to look: the window still starts at the post.
  expect(row?.attempted_at).toBeLessThan(started + 200);
  expect(row?.claimed_until).toBe(0);

  await emulator.setFaults(ws, null);
  const ts = await postOnce(db, workspace, key, ws.channels.random.id, { text: key });
  const posts = (await emulator.history(ws.channels.random.id)).filter((m) => m.text === key);
  expect(posts.map((p) => p.ts)).toEqual([ts]);
});
