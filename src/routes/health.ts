import { Hono } from "hono";

/** GET /healthz: the Worker is up, and whether D1 answers. */
export const health = new Hono<{ Bindings: Env }>().get("/healthz", async (c) => {
  const started = Date.now();
  try {
    await c.env.DB.prepare("SELECT 1").first();
    return c.json({ ok: true, database: { ok: true, latencyMs: Date.now() - started } });
  } catch {
    return c.json({ ok: false, database: { ok: false } }, 503);
  }
});
