import { Hono } from "hono";
import { STYLESHEET } from "../web/stylesheet";

/** GET /assets/app.css: the one stylesheet, cached for a day (its content changes with deploys). */
export const assets = new Hono<{ Bindings: Env }>().get("/assets/app.css", (c) => {
  c.header("content-type", "text/css; charset=utf-8");
  c.header("cache-control", "public, max-age=86400");
  return c.body(STYLESHEET);
});
