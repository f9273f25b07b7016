import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("serves healthz with a migrated database", async () => {
  const res = await exports.default.fetch("https://firebreak.test/healthz");
  expect(res.status).toBe(200);
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type='table' AND name='installations'",
  ).all();
  expect(tables.results).toHaveLength(1);
  const slack = await fetch(`${env.SLACK_BASE_URL}/api/nope`, { method: "POST" });
  expect(await slack.json()).toEqual({ ok: false, error: "unknown_method" });
});
