/** The emulated Slack as one Hono app: Web API, response_urls and webhooks, consent pages, control API. */
import { Hono } from "hono";
import { METHODS } from "./api/index";
import { apiRoutes } from "./api/router";
import { actRoutes } from "./control/act";
import { inspectRoutes } from "./control/inspect";
import { hookRoutes } from "./hooks";
import { consentRoutes } from "./pages/consent";
import { esc, page } from "./pages/html";
import type { EmulatorState } from "./state";

export function emulatorApp(state: EmulatorState) {
  const app = new Hono();
  app.route("/", apiRoutes(state, METHODS));
  app.route("/", hookRoutes(state));
  app.route("/", consentRoutes(state));
  app.route("/_emulator", inspectRoutes(state));
  app.route("/_emulator", actRoutes(state));
  app.get("/", (c) => {
    const teams = Object.values(state.data.teams)
      .map(
        (t) =>
          `<li>${esc(t.name)} <code>${esc(t.id)}</code>${state.installFor(t.id) ? " (Firebreak installed)" : ""}</li>`,
      )
      .join("");
    return c.html(
      page("Slack emulator", `<h1>Slack emulator</h1><p>Workspaces:</p><ul>${teams || "<li>none</li>"}</ul>`),
    );
  });
  return app;
}
