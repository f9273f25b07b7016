/** Rate limits (429 + Retry-After, and calls made before it ran out) and seeded, repeatable faults. */
import { describe, expect, it } from "vitest";
import { call, emulator, installedWorkspace } from "./support";

describe("rate limits", () => {
  it("allows Tier 2's minute of conversations.create, then 429s and counts calls inside Retry-After", async () => {
    const { ws, bot } = await installedWorkspace();
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call("conversations.create", { name: `inc-${i}` }, bot)),
    );
    expect(burst.every((r) => r.body.ok)).toBe(true);
    const limited = await call("conversations.create", { name: "inc-20" }, bot);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ ok: false, error: "ratelimited" });
    expect(Number(limited.retryAfter)).toBe(3);
    expect((await emulator.stats(ws)).callsBeforeRetryAfter).toBe(0);
    const early = await call("conversations.create", { name: "inc-20" }, bot);
    expect(early.status).toBe(429);
    // Other methods have their own buckets.
    expect((await call("conversations.info", { channel: burst[0]?.body.channel.id }, bot)).status).toBe(200);
    const stats = await emulator.stats(ws);
    expect(stats.callsBeforeRetryAfter).toBe(1);
    expect(stats.byStatus["429"]).toBe(2);
    await emulator.setClockOffset(3500, ws);
    expect((await call("conversations.create", { name: "inc-20" }, bot)).body.ok).toBe(true);
  });

  it("holds chat.postMessage to about 1/s per channel after a burst of 5", async () => {
    const { ws, bot } = await installedWorkspace();
    const channel = ws.channels.general.id;
    await call("conversations.join", { channel }, bot);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call("chat.postMessage", { channel, text: `m${i}` }, bot)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("loosens per workspace with scale, and only there", async () => {
    const loose = await installedWorkspace();
    await emulator.setRateLimits(loose.ws, { enabled: true, scale: 10 });
    const many = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call("conversations.create", { name: `c${i}` }, loose.bot)),
    );
    expect(many.filter((r) => r.status === 429)).toHaveLength(0);
    const strict = await installedWorkspace();
    const few = await Promise.all(
      Array.from({ length: 25 }, (_, i) => call("conversations.create", { name: `c${i}` }, strict.bot)),
    );
    expect(few.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});

describe("faults", () => {
  /** The statuses of 40 conversations.info calls under a fault spec. */
  async function run(seed: number) {
    const { ws, bot } = await installedWorkspace();
    await emulator.setRateLimits(ws, { enabled: false });
    await emulator.setFaults(ws, { seed, error500: 0.3, ambiguous: 0.2 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await call("conversations.info", { channel: ws.channels.general.id }, bot)).status);
    return { statuses, stats: await emulator.stats(ws) };
  }

  it("repeats exactly for the same seed, and differs for another", async () => {
    const a = await run(42);
    const b = await run(42);
    const c = await run(7);
    expect(a.statuses).toEqual(b.statuses);
    expect(a.statuses).not.toEqual(c.statuses);
    expect(a.statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(a.stats.faultsInjected["500"]).toBeGreaterThan(0);
    expect(a.stats.faultsInjected.ambiguous).toBeGreaterThan(0);
  });

  it("performs an ambiguous call before answering 500", async () => {
    const { ws, bot } = await installedWorkspace();
    await emulator.setFaults(ws, { seed: 1, ambiguous: 1, methods: ["conversations.create"] });
    const res = await call("conversations.create", { name: "inc-ambiguous" }, bot);
    expect(res.status).toBe(500);
    expect(await emulator.channelByName(ws, "inc-ambiguous")).toBeDefined();
    expect((await call("conversations.create", { name: "inc-ambiguous" }, bot)).status).toBe(500);
    await emulator.setFaults(ws, null);
    expect((await call("conversations.create", { name: "inc-ambiguous" }, bot)).body.error).toBe("name_taken");
  });

  it("injects 429s with a Retry-After of 1–5 s and counts calls that don't wait", async () => {
    const { ws, bot } = await installedWorkspace();
    await emulator.setFaults(ws, { seed: 3, error429: 1, methods: ["users.info"] });
    const first = await call("users.info", { user: ws.users.bob.id }, bot);
    expect(first.status).toBe(429);
    const wait = Number(first.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(5);
    await call("users.info", { user: ws.users.bob.id }, bot);
    expect((await emulator.stats(ws)).callsBeforeRetryAfter).toBe(1);
    await emulator.setFaults(ws, null);
    await emulator.setClockOffset(wait * 1000 + 100, ws);
    expect((await call("users.info", { user: ws.users.bob.id }, bot)).body.user.name).toBe("bob");
  });

  it("answers scripted errors for matching calls, the given number of times", async () => {
    const { ws, bot } = await installedWorkspace();
    await emulator.setFaults(ws, {
      seed: 1,
      scripted: [{ method: "conversations.create", error: "name_taken", times: 2, match: { name: "inc-1-db" } }],
    });
    const create = (name: string) => call("conversations.create", { name }, bot);
    expect((await create("inc-1-db")).body.error).toBe("name_taken");
    expect((await create("inc-2-other")).body.ok).toBe(true);
    expect((await create("inc-1-db")).body.error).toBe("name_taken");
    expect((await create("inc-1-db")).body.ok).toBe(true);
    expect((await emulator.calls({ teamId: ws, method: "conversations.create" })).map((c) => c.fault ?? "")).toEqual([
      "scripted",
      "",
      "scripted",
      "",
    ]);
  });

  it("slows replies", async () => {
    const { ws, bot } = await installedWorkspace();
    await emulator.setFaults(ws, { seed: 1, slow: 1, slowMs: 300, methods: ["auth.test"] });
    const started = Date.now();
    expect((await call("auth.test", {}, bot)).body.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("records calls with tokens redacted", async () => {
    const { ws, bot } = await installedWorkspace();
    await call("users.info", { user: ws.users.bob.id, token: bot });
    const [recorded] = await emulator.calls({ teamId: ws, method: "users.info" });
    expect(recorded).toMatchObject({
      method: "users.info",
      tokenKind: "bot",
      status: 200,
      ok: true,
      args: { token: "[redacted]" },
    });
    expect(JSON.stringify(await emulator.calls({ teamId: ws }))).not.toContain(bot);
  });
});
