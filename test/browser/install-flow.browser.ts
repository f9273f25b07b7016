/**
 * The browser test: the guide's whole install flow (../shared/reference/slack-integration-guide.txt)
 * in Debian's Chromium, driven by playwright-core, against `wrangler dev` and the Slack emulator.
 *
 *   sign in with Slack → Settings → Messaging → Manage → Enable Slack → Authorize Slack →
 *   workspace and channel on Slack's page → Allow → connected → announcement channel → Save →
 *   the bot's notice is in the channel → /incident shows "Incident options".
 *
 * Everything is fresh and isolated: free ports, an in-memory emulator, a new local D1 directory,
 * a new browser profile. Nothing is installed behind the browser's back. A screenshot per step
 * goes to test-artifacts/browser/ (with wrangler's log); any console error or page error fails
 * the run, and every Firebreak page is checked for accessibility basics.
 *
 * Run: npm run test:browser   (needs `apt-get install -y chromium`; CHROMIUM_PATH overrides the path)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { parseDevVars } from "../slack-emulator/app-config";
import { EmulatorClient } from "../slack-emulator/control";
import { SlackDriver } from "../slack-emulator/driver";
import { type RunningEmulator, startEmulator } from "../slack-emulator/server";
import type { Message, SeenItem } from "../slack-emulator/types";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ARTIFACTS = join(ROOT, "test-artifacts", "browser");
const WORKSPACE = "Harbor Lights";
const CHANNEL = "incidents";
const CHROMIUM_CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
/** Bounds: the whole run, one browser action, waiting for wrangler, waiting for Slack-side effects. */
const RUN_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;
const STARTUP_TIMEOUT_MS = 60_000;
const EFFECT_TIMEOUT_MS = 20_000;

const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const log = (s: string) => console.log(`[${clock()}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class TestFailure extends Error {}
function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new TestFailure(message);
}

/** Polls until `probe` returns something truthy, or fails with `what` after `ms`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = EFFECT_TIMEOUT_MS) {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      if (err instanceof TestFailure) throw err; // a verdict, not a hiccup
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new TestFailure(`${what}: still not true after ${ms} ms${lastError ? ` (last error: ${lastError})` : ""}`);
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------- processes and cleanup

const cleanups: (() => unknown)[] = [];
let cleaningUp: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error("cleanup:", err);
      }
    }
  })();
  return cleaningUp;
}
let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping everything`);
    void cleanup().then(() => process.exit(130));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Ends a detached child's whole process group (npx, wrangler, workerd): SIGTERM, then SIGKILL. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {}
  };
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  signal("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) {
    signal("SIGKILL"); // anything of the group left behind (workerd)
    return;
  }
  signal("SIGKILL");
  await Promise.race([exited, sleep(2000)]);
}

/** `npx wrangler …` in its own process group, output appended to `logPath`. */
function wrangler(args: string[], logPath: string): ChildProcess {
  const fd = openSync(logPath, "a");
  const child = spawn("npx", ["wrangler", ...args], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  cleanups.push(() => stopGroup(child));
  return child;
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code, sig) => resolve(code ?? (sig ? 128 : 1)));
  });
}

const tail = (path: string, lines = 30) =>
  existsSync(path) ? readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "(no log)";

function findChromium(): string {
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new TestFailure(
      `Chromium not found (looked at ${CHROMIUM_CANDIDATES.join(", ")}). ` +
        "Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).",
    );
  }
  return found;
}

// ---------------------------------------------------------------- the browser side

/** Console errors and page errors, from every page of the context, in order. */
const browserErrors: string[] = [];
let reportedErrors = 0;
function watch(page: Page) {
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location();
    browserErrors.push(
      `console error on ${page.url()}: ${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`,
    );
  });
  page.on("pageerror", (err) => browserErrors.push(`page error on ${page.url()}: ${err.stack ?? err.message}`));
}
function assertNoBrowserErrors() {
  const fresh = browserErrors.slice(reportedErrors);
  reportedErrors = browserErrors.length;
  check(fresh.length === 0, `the browser reported errors:\n  ${fresh.join("\n  ")}`);
}

let shot = 0;
/** A full-page screenshot, transitions finished (the switch's slide), numbered in step order. */
async function screenshot(page: Page, name: string, failed = false): Promise<string> {
  const n = failed ? shot + 1 : ++shot;
  const file = join(ARTIFACTS, `${String(n).padStart(2, "0")}-${name}${failed ? "-FAILED" : ""}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

/** One step: runs, screenshots, checks the console; logs its time. Failing steps get a screenshot too. */
async function step(page: Page, name: string, title: string, body: () => Promise<void>) {
  const t0 = Date.now();
  try {
    await body();
    const file = await screenshot(page, name);
    assertNoBrowserErrors();
    log(`ok   ${title} (${Date.now() - t0} ms) → ${file.slice(ROOT.length)}`);
  } catch (err) {
    if (!interrupted) {
      await screenshot(page, name, true).catch(() => {});
      log(`FAIL ${title} (${Date.now() - t0} ms) at ${page.url()}`);
    }
    throw err;
  }
}

const AX_CONTROL_ROLES = new Set([
  "button",
  "checkbox",
  "switch",
  "radio",
  "textbox",
  "searchbox",
  "spinbutton",
  "combobox",
  "listbox",
  "slider",
  "link",
  "menuitem",
  "tab",
]);

/**
 * Accessibility basics of a Firebreak page: a meaningful title (page-specific, naming Firebreak),
 * a language, a heading, and every control named in Chromium's own accessibility tree; plus,
 * from the DOM, that every form field has a label (not just a placeholder or a title).
 */
async function checkAccessibility(context: BrowserContext, page: Page, expectedTitle: string) {
  const title = await page.title();
  check(
    title.includes("Firebreak") && title.replace(/Firebreak/g, "").replace(/[\s·|:-]/g, "") !== "",
    `page title ${JSON.stringify(title)} at ${page.url()} should name the page and Firebreak`,
  );
  check(
    title.includes(expectedTitle),
    `page title ${JSON.stringify(title)} should include ${JSON.stringify(expectedTitle)}`,
  );

  // No named helpers inside: tsx's keepNames would wrap them in a __name() the page lacks.
  const dom = await page.evaluate(() => {
    const problems: string[] = [];
    if (document.compatMode !== "CSS1Compat")
      problems.push("the page renders in quirks mode: it has no <!doctype html> (forms get margins, boxes differ)");
    if (!document.documentElement.lang) problems.push("<html> has no lang attribute");
    if (!document.querySelector("h1")) problems.push("no <h1>");
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea",
    )) {
      const labelled =
        (el.labels && [...el.labels].some((l) => (l.textContent ?? "").trim() !== "")) ||
        (el.getAttribute("aria-label") ?? "").trim() !== "" ||
        (el.getAttribute("aria-labelledby") ?? "")
          .split(/\s+/)
          .some((id) => id && (document.getElementById(id)?.textContent ?? "").trim() !== "");
      if (!labelled) problems.push(`form field without a label: ${el.outerHTML.replace(/\s+/g, " ").slice(0, 160)}`);
    }
    return problems;
  });
  check(dom.length === 0, `accessibility problems at ${page.url()}:\n  ${dom.join("\n  ")}`);

  const contrast = await textContrast(page);
  check(
    contrast.problems.length === 0,
    `text with too little contrast at ${page.url()} (WCAG AA):\n  ${contrast.problems.join("\n  ")}`,
  );

  const cdp = await context.newCDPSession(page);
  let controls = 0;
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: {
        ignored: boolean;
        role?: { value?: string };
        name?: { value?: string };
        backendDOMNodeId?: number;
      }[];
    };
    const unnamed: string[] = [];
    for (const node of nodes) {
      const role = String(node.role?.value ?? "");
      if (node.ignored || !AX_CONTROL_ROLES.has(role)) continue;
      controls++;
      if (String(node.name?.value ?? "").trim() !== "") continue;
      let html = "";
      if (node.backendDOMNodeId) {
        const { outerHTML } = (await cdp.send("DOM.getOuterHTML", { backendNodeId: node.backendDOMNodeId })) as {
          outerHTML: string;
        };
        html = outerHTML.replace(/\s+/g, " ").slice(0, 160);
      }
      unnamed.push(`${role} without an accessible name: ${html}`);
    }
    check(controls > 0, `no controls found in the accessibility tree of ${page.url()}`);
    check(unnamed.length === 0, `accessibility problems at ${page.url()}:\n  ${unnamed.join("\n  ")}`);
  } finally {
    await cdp.detach().catch(() => {});
  }
  log(`     a11y: "${title}", ${controls} controls named, ${contrast.texts} texts, lowest contrast ${contrast.lowest}`);
}

/**
 * WCAG AA contrast of visible text: 4.5:1, or 3:1 for large text (24px, or 18.66px bold), against
 * the background painted behind it (semi-transparent layers blended; text over images skipped;
 * disabled controls and aria-hidden decoration exempt, as WCAG allows).
 */
function textContrast(page: Page): Promise<{ problems: string[]; texts: number; lowest: string }> {
  // Helpers are object methods: tsx's keepNames would wrap named arrows in a __name() the page lacks.
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const h = {
      parse(color: string): Rgba | undefined {
        const m = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)$/.exec(color.trim());
        if (!m) return undefined;
        const a = m[4] === undefined ? 1 : m[4].endsWith("%") ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
        return [Number(m[1]), Number(m[2]), Number(m[3]), a];
      },
      /** `top` painted over `bottom` (source-over). */
      over(top: Rgba, bottom: Rgba): Rgba {
        const a = top[3] + bottom[3] * (1 - top[3]);
        if (a === 0) return [0, 0, 0, 0];
        const [r, g, b] = [0, 1, 2].map(
          (i) => ((top[i] ?? 0) * top[3] + (bottom[i] ?? 0) * bottom[3] * (1 - top[3])) / a,
        );
        return [r ?? 0, g ?? 0, b ?? 0, a];
      },
      channel(v: number): number {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      },
      luminance(c: Rgba): number {
        return 0.2126 * h.channel(c[0]) + 0.7152 * h.channel(c[1]) + 0.0722 * h.channel(c[2]);
      },
      ratio(x: Rgba, y: Rgba): number {
        const [a, b] = [h.luminance(x), h.luminance(y)].sort((p, q) => q - p) as [number, number];
        return (a + 0.05) / (b + 0.05);
      },
      /** The background behind `el`, or undefined when an image is part of it. */
      background(el: Element): Rgba | undefined {
        const layers: Rgba[] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.backgroundImage !== "none") return undefined;
          const bg = h.parse(style.backgroundColor);
          if (bg && bg[3] > 0) layers.push(bg);
          if (bg && bg[3] >= 1) break;
        }
        let color: Rgba = [255, 255, 255, 1]; // the canvas
        for (const layer of layers.reverse()) color = h.over(layer, color);
        return color;
      },
    };
    const problems: string[] = [];
    let lowest = { ratio: Number.POSITIVE_INFINITY, text: "" };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || checked.has(el) || !(node.textContent ?? "").trim()) continue;
      checked.add(el);
      if (el.closest("[aria-hidden=true], option, script, style, :disabled")) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility !== "visible" || rect.width === 0 || rect.height === 0 || rect.right <= 0) continue;
      const fg = h.parse(style.color);
      const bg = h.background(el);
      if (!fg || !bg) continue;
      const text = h.over([fg[0], fg[1], fg[2], fg[3] * Number(style.opacity)], bg);
      const [a, b] = [h.luminance(text), h.luminance(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (a + 0.05) / (b + 0.05);
      const size = Number.parseFloat(style.fontSize);
      if (ratio < lowest.ratio) lowest = { ratio, text: (node.textContent ?? "").trim().slice(0, 30) };
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        const sample = (node.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
        problems.push(
          `${ratio.toFixed(2)}:1 "${sample}" (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")}), <${el.tagName.toLowerCase()} class="${el.className}">)`,
        );
      }
    }
    // Non-text contrast (WCAG 1.4.11): a field's border, and an unchecked switch's track, 3:1
    // against what is around them, or people cannot see where to click.
    for (const el of document.querySelectorAll<HTMLElement>(
      "input[type=text], input[type=number], select, .switch input",
    )) {
      const style = getComputedStyle(el);
      const around = el.parentElement ? h.background(el.parentElement) : undefined;
      const isSwitch = el.matches(".switch input");
      if ((isSwitch && (el as HTMLInputElement).checked) || el.closest(":disabled") || !around) continue;
      const edge = h.parse(isSwitch ? style.backgroundColor : style.borderTopColor);
      if (!edge) continue;
      const ratio = h.ratio(h.over(edge, around), around);
      if (ratio < 3) {
        problems.push(
          `${ratio.toFixed(2)}:1 ${isSwitch ? "switch track" : "field border"} <${el.tagName.toLowerCase()} id="${el.id}">`,
        );
      }
    }
    return { problems, texts: checked.size, lowest: `${lowest.ratio.toFixed(2)}:1 ("${lowest.text}")` };
  });
}

/** What has keyboard focus, for matching and for messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: "", text: "", tag: "body", outline: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.textContent || el.getAttribute("aria-label") || "").trim(),
      outline: outline || style.boxShadow !== "none",
    };
  });

/**
 * Presses Tab (from wherever focus is) until `matches` holds for the focused element, at most
 * `max` times; checks that the focus is visible there. Returns how many Tabs it took.
 */
async function tabTo(page: Page, what: string, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) {
  const path: string[] = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    path.push(f.id ? `#${f.id}` : `${f.tag}${f.text ? `"${f.text.slice(0, 20)}"` : ""}`);
    if (matches(f)) {
      check(f.outline, `${what} has keyboard focus but no visible focus indicator`);
      return i;
    }
  }
  throw new TestFailure(`${what} is not reachable with Tab (${max} presses: ${path.join(" → ")})`);
}

// ---------------------------------------------------------------- the run

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  // This run's artifacts only: screenshots and wrangler.log of an earlier run go.
  for (const f of readdirSync(ARTIFACTS)) {
    if (f.endsWith(".png") || f === "wrangler.log") rmSync(join(ARTIFACTS, f), { force: true });
  }
  const executablePath = findChromium();
  const secrets = parseDevVars(readFileSync(join(ROOT, ".dev.vars.example"), "utf8"));
  const signingSecret = secrets.SLACK_SIGNING_SECRET ?? "";
  const wranglerLog = join(ARTIFACTS, "wrangler.log");
  const state = mkdtempSync(join(tmpdir(), "firebreak-browser-"));
  cleanups.push(() => rmSync(state, { recursive: true, force: true }));
  const d1Dir = join(state, "wrangler");
  const profile = join(state, "chromium-profile");

  // Slack: the emulator, in memory, with one fresh workspace. Firebreak is not installed.
  const emulator: RunningEmulator = await startEmulator({ port: 0 });
  cleanups.push(() => Promise.race([emulator.close(), sleep(3000)]));
  const slack = new EmulatorClient(emulator.url);
  const ws = await slack.seedWorkspace({
    name: WORKSPACE,
    users: [
      { key: "alice", realName: "Alice Archer", admin: true },
      { key: "bob", realName: "Bob Baker" },
    ],
    channels: [
      { key: "general", name: "general" },
      { key: "incidents", name: CHANNEL },
      { key: "ops", name: "ops", private: true, members: ["alice"] },
    ],
  });
  log(`Slack emulator on ${emulator.url}: workspace ${WORKSPACE} (${ws.team.id}), alice, bob; #general, #${CHANNEL}`);

  const appPort = await freePort();
  const inspectorPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  // Node talks to wrangler over 127.0.0.1 (localhost may be ::1 for Node); the browser uses APP_URL.
  const appDirect = `http://127.0.0.1:${appPort}`;

  // A fresh local D1, then wrangler dev on it; the browser starts meanwhile.
  const browserStart = chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: ACTION_TIMEOUT_MS * 2,
    // Our own handlers stop everything in order (Playwright's would exit before wrangler is stopped).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browserStart.catch(() => {}); // awaited below; keep a startup failure from being unhandled meanwhile
  cleanups.push(async () => {
    const started = await browserStart.catch(() => undefined);
    if (started) await Promise.race([started.close(), sleep(5000)]);
  });
  const migrate = wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", d1Dir], wranglerLog);
  const migrated = await Promise.race([exitOf(migrate), sleep(STARTUP_TIMEOUT_MS).then(() => -1)]);
  check(migrated === 0, `wrangler d1 migrations apply failed (exit ${migrated}):\n${tail(wranglerLog)}`);
  log("D1 migrations applied to a fresh local database");

  const dev = wrangler(
    [
      "dev",
      "--port",
      String(appPort),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      d1Dir,
      // The example secrets; with --env-file wrangler does not read the repo's .dev.vars.
      "--env-file",
      ".dev.vars.example",
      "--var",
      `SLACK_BASE_URL:${emulator.url}`,
      "--var",
      `APP_URL:${appUrl}`,
      "--show-interactive-dev-session=false",
    ],
    wranglerLog,
  );
  let devExit: number | undefined;
  void exitOf(dev).then((code) => {
    devExit = code;
  });
  await eventually(
    `wrangler dev answering ${appDirect}/healthz`,
    async () => {
      if (devExit !== undefined) throw new TestFailure(`wrangler dev exited (${devExit})`);
      return (await fetch(`${appDirect}/healthz`)).ok;
    },
    STARTUP_TIMEOUT_MS,
  ).catch((err) => {
    throw new TestFailure(`${err instanceof Error ? err.message : err}\n--- wrangler.log ---\n${tail(wranglerLog)}`);
  });
  log(`Firebreak (wrangler dev) on ${appUrl}`);

  const context = await browserStart;
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  for (const open of context.pages()) watch(open);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  log(`Chromium ${context.browser()?.version() ?? ""} (${executablePath}), headless, fresh profile`);

  const emulatorOrigin = new URL(emulator.url).origin;
  const onEmulator = (path: string) => (url: URL) => url.origin === emulatorOrigin && url.pathname === path;
  const onFirebreak = (path: string) => (url: URL) => url.origin === appUrl && url.pathname === path;

  // 1. Signed out, /settings sends you to sign in.
  await step(page, "login", "signed out, /settings asks to sign in", async () => {
    await page.goto(`${appUrl}/settings`);
    const url = new URL(page.url());
    check(onFirebreak("/login")(url), `expected /login, got ${page.url()}`);
    check(url.searchParams.get("next") === "/settings", `next should be /settings: ${page.url()}`);
    await page.getByRole("heading", { name: "Sign in to Firebreak" }).waitFor();
    await checkAccessibility(context, page, "Sign in");
  });

  // 2. Sign in with Slack: the emulator's OpenID page, workspace first.
  await step(page, "oidc-workspace", "Sign in with Slack → Slack asks for the workspace", async () => {
    await page.getByRole("link", { name: "Sign in with Slack" }).click();
    await page.waitForURL(onEmulator("/openid/connect/authorize"));
    await page.getByLabel("Workspace").selectOption(ws.team.id);
  });
  await step(page, "oidc-consent", "Slack: the consent page, signed in as Alice", async () => {
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: new RegExp(`access the ${WORKSPACE} Slack workspace`) }).waitFor();
    await page.getByLabel("Signed in as").selectOption(ws.users.alice.id);
  });

  // 3. Back on Firebreak's Settings, signed in.
  await step(page, "settings", "back on Settings, signed in as Alice, Slack not connected", async () => {
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(onFirebreak("/settings"));
    await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
    const who = (await page.locator(".topnav .who").textContent()) ?? "";
    check(who.includes("Alice") && who.includes(WORKSPACE), `the top bar should show Alice of ${WORKSPACE}: ${who}`);
    const card = (await page.locator(".card", { hasText: "Slack" }).first().textContent()) ?? "";
    check(card.includes("Not connected"), `the Slack card should say Not connected: ${card}`);
    await checkAccessibility(context, page, "Settings");
    // The skip link comes first and shows itself when focused.
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const r = el?.getBoundingClientRect();
      return { text: el?.textContent?.trim() ?? "", visible: !!r && r.left >= 0 && r.top >= 0 && r.width > 0 };
    });
    check(
      skip.text === "Skip to content" && skip.visible,
      `first Tab should show "Skip to content": ${JSON.stringify(skip)}`,
    );
  });

  // 4. Settings → Messaging.
  await step(page, "messaging", "Settings → Messaging: the Slack card", async () => {
    await page.getByRole("link", { name: "Messaging", exact: true }).click();
    await page.waitForURL(onFirebreak("/settings/messaging"));
    await page.getByRole("heading", { name: "Messaging", exact: true }).waitFor();
    await checkAccessibility(context, page, "Messaging");
  });

  // 5. Manage, by keyboard.
  await step(page, "slack-connect", "Manage (Tab + Enter): the Connect Slack page", async () => {
    const tabs = await tabTo(page, "the Manage button", (f) => f.text === "Manage");
    await page.keyboard.press("Enter");
    await page.waitForURL(onFirebreak("/settings/messaging/slack"));
    await page.getByRole("heading", { name: "Connect Slack" }).waitFor();
    await checkAccessibility(context, page, "Slack settings");
    log(`     Manage reached with ${tabs} Tab presses`);
  });

  // 6. Enable Slack: Tab to the switch, Space turns it on.
  // By its label: a checkbox now, still found if it becomes role="switch".
  const enable = page.getByLabel("Enable Slack", { exact: true });
  await step(page, "enable-slack", "Enable Slack switched on (Tab + Space)", async () => {
    check(!(await enable.isChecked()), "Enable Slack should start off before the first install");
    const tabs = await tabTo(page, "the Enable Slack switch", (f) => f.id === "enable-slack");
    await page.keyboard.press("Space");
    check(await enable.isChecked(), "Space on the focused switch should turn Enable Slack on");
    log(`     Enable Slack reached with ${tabs} Tab presses`);
  });

  // 7. Authorize Slack (Tab + Enter) → Slack's install page.
  await step(page, "oauth-workspace", "Authorize Slack → Slack asks for the workspace", async () => {
    await tabTo(page, "the Authorize Slack button", (f) => f.text === "Authorize Slack", 5);
    await page.keyboard.press("Enter");
    await page.waitForURL(onEmulator("/oauth/v2/authorize"));
    await page.getByRole("heading", { name: "Install Firebreak" }).waitFor();
    await page.locator('select[name="team"]').selectOption(ws.team.id);
  });
  await step(page, "oauth-consent", `Slack: Alice, #${CHANNEL}, the scopes`, async () => {
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: new RegExp(`access the ${WORKSPACE} Slack workspace`) }).waitFor();
    await page.locator('select[name="user"]').selectOption(ws.users.alice.id);
    await page.locator('select[name="channel"]').selectOption(ws.channels.incidents.id);
    check(await page.getByText("chat:write").count(), "Slack's page should list the requested scopes");
  });

  // 8. Allow → back on Firebreak, connected.
  await step(page, "connected", `Allow → back on Firebreak, connected to ${WORKSPACE}`, async () => {
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL((url) => onFirebreak("/settings/messaging/slack")(url) && url.searchParams.has("installed"));
    const banner = (await page.getByRole("status").first().textContent()) ?? "";
    check(banner.includes(`Connected to ${WORKSPACE}`), `expected "Connected to ${WORKSPACE}", got: ${banner}`);
    const facts = (await page.locator("dl.facts").textContent()) ?? "";
    check(facts.includes(WORKSPACE), `Connection should name the workspace: ${facts}`);
    // Slack's display name (the emulator's is the user name, "alice").
    check(/Authorized by\s*alice on /i.test(facts), `Connection should say alice authorized: ${facts}`);
    await page.getByRole("heading", { name: /Connection/ }).waitFor();
    check(await page.getByLabel("Enable Slack", { exact: true }).isChecked(), "Slack should be enabled");
    // What Slack issued: the browser's choices on its page, not a programmatic install.
    const install = await slack.installation(ws.team.id);
    check(
      install?.installerUserId === ws.users.alice.id,
      `Slack should record alice as the installer: ${install?.installerUserId}`,
    );
    check(
      install?.incomingWebhook?.channelId === ws.channels.incidents.id,
      `Slack should record #${CHANNEL} as the chosen channel: ${install?.incomingWebhook?.channel}`,
    );
    await checkAccessibility(context, page, "Slack settings");
  });

  // Slack delivers what the install caused (the bot joining the channel), as it would.
  const driver = new SlackDriver({
    slackUrl: emulator.url,
    signingSecret,
    requestUrl: `${appDirect}/slack/events`,
    deliver: (req) => fetch(req),
  });
  const delivered = await driver.deliverOutbox(ws.team.id);
  const refused = delivered.filter((d) => d.replies.at(-1)?.status !== 200);
  check(refused.length === 0, `Firebreak refused events: ${JSON.stringify(refused.map((d) => d.replies))}`);
  log(
    `     delivered ${delivered.length} Slack event(s): ${delivered.map((d) => d.event.event.type).join(", ") || "none"}`,
  );

  // 9. Announcement channel, a cadence, Save (by keyboard).
  await step(page, "saved", `#${CHANNEL} as the announcement channel, SEV2 every 20 min, Save → "Saved."`, async () => {
    const select = page.getByLabel("Announcement channel");
    await select.selectOption({ label: `#${CHANNEL}` });
    await page.getByLabel("SEV2", { exact: true }).fill("20");
    await select.focus();
    await tabTo(page, "the Save button", (f) => f.text === "Save", 10);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => onFirebreak("/settings/messaging/slack")(url) && url.searchParams.has("saved"));
    const banner = (await page.getByRole("status").first().textContent()) ?? "";
    check(banner.startsWith("Saved."), `expected the "Saved." confirmation, got: ${banner}`);
    check(
      (await page.getByLabel("Announcement channel").inputValue()) === ws.channels.incidents.id,
      `the announcement channel should now be #${CHANNEL}`,
    );
    check((await page.getByLabel("SEV2", { exact: true }).inputValue()) === "20", "SEV2's cadence should be 20");
    await checkAccessibility(context, page, "Slack settings");
  });

  // 10. Slack: the bot's notice in the chosen channel.
  const t10 = Date.now();
  const isNotice = (m: Message) => !!m.bot_id && m.text.includes("Firebreak is here");
  await eventually(`"Firebreak is here" in #${CHANNEL}`, async () =>
    (await slack.history(ws.channels.incidents.id)).some(isNotice),
  );
  log(`ok   Slack: "Firebreak is here" posted by the bot in #${CHANNEL} (${Date.now() - t10} ms)`);

  // 11. Slack: /incident in that channel shows the Incident options.
  const t11 = Date.now();
  const reply = await driver.command({ team: ws.team.id, user: "alice", channel: CHANNEL, text: "" });
  check(!reply.timedOut && reply.status === 200, `/incident answered ${reply.status} in ${reply.ms} ms`);
  const header = (item: SeenItem) =>
    (item.blocks as { type?: string; text?: { text?: string } }[] | undefined)?.find((b) => b.type === "header")?.text
      ?.text;
  const menu = await eventually('"Incident options" shown to Alice', async () =>
    (await slack.seen(ws.team.id, ws.users.alice.id)).find((i) => header(i) === "Incident options"),
  );
  log(`ok   Slack: /incident → "${header(menu)}" (${menu.kind}, answered in ${reply.ms} ms; ${Date.now() - t11} ms)`);

  // The notice is there once, whatever the install and the join event both did (given a moment
  // for the join event's job to finish).
  await sleep(1000);
  const notices = (await slack.history(ws.channels.incidents.id)).filter(isNotice);
  check(notices.length === 1, `expected one "Firebreak is here" in #${CHANNEL}, found ${notices.length}`);
  assertNoBrowserErrors();
}

const watchdog = setTimeout(() => {
  console.error(`FAIL: the browser test took longer than ${RUN_TIMEOUT_MS / 1000} s`);
  void cleanup().then(() => process.exit(1));
}, RUN_TIMEOUT_MS);

let code = 0;
try {
  await main();
  log(`PASS: the install flow works in the browser (${shot} screenshots in ${ARTIFACTS.slice(ROOT.length)})`);
} catch (err) {
  code = 1;
  // After a signal, what fails is only the run being stopped under it.
  if (!interrupted) {
    console.error(`\nFAIL: ${err instanceof TestFailure ? err.message : err instanceof Error ? err.stack : err}`);
    console.error(`Screenshots and wrangler.log: ${ARTIFACTS}`);
  }
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(interrupted ? 130 : code);
