/**
 * Runs the emulated Slack in Node (test/global-setup.ts for the tests, scripts/dev.ts for
 * `npm run dev`). Node-only: reads the app credentials, persists state for dev, and in dev
 * delivers the events people cause (the outbox) to the app by itself.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { emulatorApp } from "./app";
import { appConfig, parseDevVars } from "./app-config";
import { SlackDriver } from "./driver";
import { EmulatorState, emptyData, type StateData } from "./state";

export interface EmulatorOptions {
  port: number;
  hostname?: string;
  /** The app's credentials; default: those of .dev.vars.example. */
  secrets?: { clientId: string; clientSecret: string; signingSecret: string };
  /** Keep state in this JSON file across restarts (dev). */
  persistPath?: string;
  /** Deliver queued events to this URL as they happen (dev), e.g. http://localhost:8787/slack/events. */
  deliverEventsTo?: string;
}

export interface RunningEmulator {
  url: string;
  state: EmulatorState;
  close: () => Promise<void>;
}

function exampleSecrets() {
  const vars = parseDevVars(readFileSync(new URL("../../.dev.vars.example", import.meta.url), "utf8"));
  return {
    clientId: vars.SLACK_CLIENT_ID ?? "",
    clientSecret: vars.SLACK_CLIENT_SECRET ?? "",
    signingSecret: vars.SLACK_SIGNING_SECRET ?? "",
  };
}

function load(path: string | undefined): StateData | undefined {
  if (!path || !existsSync(path)) return undefined;
  // Fields added since the file was written start out empty.
  return { ...emptyData(), ...(JSON.parse(readFileSync(path, "utf8")) as Partial<StateData>) };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const config = appConfig(options.secrets ?? exampleSecrets());
  const state = new EmulatorState(config, "", load(options.persistPath));
  const app = emulatorApp(state);
  const timers: ReturnType<typeof setInterval>[] = [];
  const hostname = options.hostname ?? "127.0.0.1";
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname }, (info) =>
      resolve({ server: s, port: info.port }),
    );
  });
  const url = `http://${hostname === "0.0.0.0" ? "127.0.0.1" : hostname}:${port}`;
  state.baseUrl = url;

  const persistPath = options.persistPath;
  const save = () => {
    if (!persistPath) return;
    writeFileSync(`${persistPath}.tmp`, JSON.stringify(state.data));
    renameSync(`${persistPath}.tmp`, persistPath);
  };
  if (persistPath) {
    let last = JSON.stringify(state.data);
    timers.push(
      setInterval(() => {
        const now = JSON.stringify(state.data);
        if (now !== last) save();
        last = now;
      }, 1000),
    );
  }

  const target = options.deliverEventsTo;
  if (target) {
    const driver = new SlackDriver({
      slackUrl: url,
      signingSecret: config.signingSecret,
      deliver: (req) => fetch(req),
      requestUrl: target,
      eventRetryDelaysMs: [0, 1000, 5000],
    });
    let busy = false;
    timers.push(
      setInterval(async () => {
        if (busy || state.data.outbox.length === 0) return;
        busy = true;
        try {
          await driver.deliverOutbox();
        } catch (err) {
          console.error("slack emulator: event delivery failed", err);
        } finally {
          busy = false;
        }
      }, 250),
    );
  }

  return {
    url,
    state,
    close: async () => {
      for (const t of timers) clearInterval(t);
      save();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
