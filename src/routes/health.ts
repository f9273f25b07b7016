import { Hono } from "hono";

/**
 * GET /healthz: 200 whenever the Worker answers (product.md's contract), with whether D1 answers
 * and how many jobs died (dead_letters); a monitor reads `database.ok`.
 */
export const health = new Hono<{ Bindings: Env }>().get("/healthz", async (c) => {
  const started = Date.now();
  try {
    const dead = await c.env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters").first<{ n: number }>();
    return c.json({ ok: true, database: { ok: true, latencyMs: Date.now() - started }, deadLetters: dead?.n ?? 0 });
  } catch {
    return c.json({ ok: true, database: { ok: false } });
  }
});
