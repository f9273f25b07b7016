/**
 * `npm run dev`: Firebreak on http://localhost:8787, offline.
 * With the example secrets in .dev.vars (the default: copied from .dev.vars.example) it also
 * runs the Slack emulator on :8788, seeds a demo workspace once, and installs Firebreak into it
 * through the real OAuth flow. With a real Slack app's credentials it just runs `wrangler dev`.
 * Ctrl-C stops everything.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { parseDevVars } from "../test/slack-emulator/app-config";
import { installViaOAuth } from "../test/slack-emulator/install-flow";
import { seedWorkspace } from "../test/slack-emulator/seed";
import { startEmulator } from "../test/slack-emulator/server";

const APP_PORT = 8787;
const SLACK_PORT = 8788;
const APP_URL = `http://localhost:${APP_PORT}`;
// 127.0.0.1, not localhost: workerd and Node may disagree on whether localhost is ::1.
const SLACK_URL = `http://127.0.0.1:${SLACK_PORT}`;
const DEMO = "Acme Corp";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (emulator mode).");
}
const vars = parseDevVars(readFileSync(".dev.vars", "utf8"));
const example = parseDevVars(readFileSync(".dev.vars.example", "utf8"));
const emulatorMode = vars.SLACK_SIGNING_SECRET === example.SLACK_SIGNING_SECRET;

// stdin ignored: wrangler then applies without asking.
const migrated = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"], {
  env,
  stdio: ["ignore", "inherit", "inherit"],
});
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;
/** Stops wrangler (its whole process group: npx, wrangler, workerd) and the emulator. */
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const signal = (child: ChildProcess, sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {}
  };
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          const force = setTimeout(() => signal(child, "SIGKILL"), 5000);
          child.once("exit", () => {
            clearTimeout(force);
            done();
          });
          signal(child, "SIGINT");
        }),
    ),
  );
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

function wrangler(extra: string[]) {
  // Its own process group, so stop() can end npx, wrangler and workerd together.
  const child = spawn("npx", ["wrangler", "dev", "--port", String(APP_PORT), ...extra], {
    env,
    stdio: "inherit",
    detached: true,
  });
  child.on("exit", (code) => void stop(code ?? 0));
  children.push(child);
}

async function waitForFirebreak(): Promise<boolean> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${APP_URL}/healthz`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

if (!emulatorMode) {
  console.log("Real Slack credentials in .dev.vars: running against Slack itself.");
  wrangler([]);
} else {
  mkdirSync(".wrangler", { recursive: true });
  const emulator = await startEmulator({
    port: SLACK_PORT,
    secrets: {
      clientId: vars.SLACK_CLIENT_ID ?? "",
      clientSecret: vars.SLACK_CLIENT_SECRET ?? "",
      signingSecret: vars.SLACK_SIGNING_SECRET ?? "",
    },
    // Inside .wrangler with the local D1, so deleting one deletes both and they stay consistent.
    persistPath: ".wrangler/slack-emulator.json",
    deliverEventsTo: `${APP_URL}/slack/events`,
  });
  cleanups.push(emulator.close);
  const { state } = emulator;
  let team = Object.values(state.data.teams).find((t) => t.name === DEMO);
  if (!team) {
    const seeded = seedWorkspace(state, {
      name: DEMO,
      domain: "acme",
      channels: [
        { key: "general", name: "general" },
        { key: "incidents", name: "incidents" },
        { key: "ops", name: "ops", private: true, members: ["alice", "bob"] },
      ],
    });
    team = state.team(seeded.team.id);
  }
  wrangler(["--var", `SLACK_BASE_URL:${SLACK_URL}`, "--var", `APP_URL:${APP_URL}`]);
  if (team && (await waitForFirebreak()) && !state.installFor(team.id)) {
    try {
      const { finalResponse } = await installViaOAuth({
        firebreak: (req) => fetch(req),
        appUrl: APP_URL,
        slackUrl: SLACK_URL,
        team: team.id,
        user: "alice",
        channel: "#incidents",
      });
      const ok = finalResponse.status < 400 && state.installFor(team.id);
      console.log(ok ? `Installed Firebreak into ${DEMO} as alice.` : `Install answered HTTP ${finalResponse.status}.`);
    } catch (err) {
      console.log(
        `Could not install Firebreak into ${DEMO} yet: ${err instanceof Error ? err.message.split("\n")[0] : err}`,
      );
    }
  }
  console.log(`
  Firebreak        ${APP_URL}
  Slack emulator   ${SLACK_URL}   (workspace "${DEMO}": alice, bob, carol; #general, #incidents, #ops)

  try: npm run slack -- '/incident help'
`);
}
