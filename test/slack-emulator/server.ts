import { serve } from "@hono/node-server";
import { Hono } from "hono";

export async function startEmulator(options: { port: number }) {
  const app = new Hono();
  app.post("/api/:method", (c) => c.json({ ok: false, error: "unknown_method" }));
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: "127.0.0.1" }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
