/**
 * `npm run slack -- …`: be a person in the emulated Slack of `npm run dev`, from a terminal.
 *   '/incident help'                 run a slash command (as alice in #general by default)
 *   click 'Declare incident'         click a button in the last thing you saw (or the open modal)
 *   submit title='Database down' severity=SEV2   submit the open modal
 *   history '#inc-1-database-down'   a channel's messages
 *   seen | home                      what you saw so far | open the app's Home tab
 * Flags: --user bob  --channel inc-1-database-down  --team T0123 (or the workspace's name)
 */
import { existsSync, readFileSync } from "node:fs";
import { parseDevVars } from "./app-config";
import type { EmulatorClient } from "./control";
import { SlackDriver } from "./driver";
import { renderHistoryLine, renderSeen, renderView } from "./render";
import type { SeenItem, View } from "./types";

const SLACK_URL = process.env.SLACK_EMULATOR_URL ?? "http://127.0.0.1:8788";
const APP_URL = process.env.FIREBREAK_URL ?? "http://localhost:8787";
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("--")) flags[a.slice(2)] = argv[++i] ?? "";
    else rest.push(a);
  }
  return { flags, rest };
}

const secret = () => {
  const file = existsSync(".dev.vars") ? ".dev.vars" : ".dev.vars.example";
  return parseDevVars(readFileSync(file, "utf8")).SLACK_SIGNING_SECRET ?? "";
};

async function pickTeam(emulator: EmulatorClient, wanted?: string) {
  const teams = await emulator.teams();
  const match = (t: (typeof teams)[number]) =>
    !wanted || [t.id, t.name.toLowerCase(), t.domain].includes(wanted.toLowerCase()) || t.id === wanted;
  const team = teams.filter(match).sort((a, b) => Number(b.installed) - Number(a.installed))[0];
  if (!team) throw new Error(wanted ? `no workspace "${wanted}"` : "no workspace yet: is `npm run dev` running?");
  return team;
}

/** Ids to names, so output reads "@bob" and "#ops". */
async function namesOf(emulator: EmulatorClient, teamId: string) {
  const team = await emulator.request<{ users: { id: string; name: string }[] }>("GET", `/teams/${teamId}`);
  const names: Record<string, string> = {};
  for (const u of team.users) names[u.id] = u.name;
  for (const c of await emulator.channels(teamId)) if (!c.is_im) names[c.id] = c.name;
  return names;
}

function hasButton(blocks: unknown[] | undefined, label: string): string | undefined {
  for (const b of blocks ?? []) {
    if (!isObj(b)) continue;
    const elements = [...(Array.isArray(b.elements) ? b.elements : []), b.accessory];
    for (const e of elements) {
      if (!isObj(e) || e.type !== "button") continue;
      const text = isObj(e.text) ? String(e.text.text) : "";
      if (text.toLowerCase() === label.toLowerCase() || e.action_id === label) return String(e.action_id);
    }
  }
  return undefined;
}

type Where = Parameters<SlackDriver["clickButton"]>[0]["in"];

async function findButton(emulator: EmulatorClient, teamId: string, user: string, channel: string, label: string) {
  const views = await emulator.views(teamId, user);
  const top = views.stack.at(-1);
  const candidates: { blocks?: unknown[]; where: Where }[] = [];
  if (top) candidates.push({ blocks: top.blocks, where: { view: top.id } });
  const seen = (await emulator.seen(teamId, user))
    .filter((s) => !s.replaced && !s.deleted && s.kind !== "modal")
    .reverse();
  for (const s of seen) {
    const inChannel = s.kind === "dm" || s.responseType === "in_channel";
    candidates.push({
      blocks: s.blocks,
      where: inChannel ? { message: { channel: s.channel ?? "", ts: s.ts ?? "" } } : { ephemeral: s },
    });
  }
  const ch = await emulator
    .channelByName(teamId, channel)
    .then((c) => c ?? emulator.channel(channel).catch(() => undefined));
  if (ch) {
    for (const m of (await emulator.history(ch.id)).slice(-20).reverse()) {
      candidates.push({ blocks: m.blocks, where: { message: { channel: ch.id, ts: m.ts } } });
    }
  }
  for (const c of candidates) {
    const actionId = hasButton(c.blocks, label);
    if (actionId) return { actionId, where: c.where };
  }
  throw new Error(`no button "${label}" in what ${user} saw, the open modal, or #${channel}`);
}

/** key=value pairs for the open modal: keys match an action_id, a block_id or a label; values an option's value or text. */
function submitValues(view: View, pairs: string[], names: Record<string, string>) {
  const values: Record<string, string | string[] | boolean> = {};
  const inputs = view.blocks.filter((b) => b.type === "input" && isObj(b.element));
  for (const pair of pairs) {
    const [key = "", ...v] = pair.split("=");
    const value = v.join("=");
    const block = inputs.find((b) => {
      const e = b.element as Obj;
      const label = isObj(b.label) ? String(b.label.text).toLowerCase() : "";
      return (
        e.action_id === key || b.block_id === key || label === key.toLowerCase() || label.startsWith(key.toLowerCase())
      );
    });
    if (!block) throw new Error(`no field "${key}" in the modal (see the keys printed with the modal)`);
    const e = block.element as Obj;
    const options = (Array.isArray(e.options) ? e.options : []).filter(isObj);
    const option = (x: string) =>
      String(
        options.find((o) => o.value === x || (isObj(o.text) && String(o.text.text).toLowerCase() === x.toLowerCase()))
          ?.value ?? x,
      );
    const byName = (x: string) => Object.entries(names).find(([, n]) => n === x.replace(/^[@#]/, ""))?.[0] ?? x;
    const id = `${block.block_id}.${e.action_id}`;
    if (e.type === "checkboxes")
      values[id] = ["true", "yes", "on"].includes(value) ? true : value.split(",").map(option);
    else if (String(e.type).startsWith("multi_")) values[id] = value.split(",").map((x) => option(byName(x)));
    else if (options.length) values[id] = option(value);
    else if (/users_select|conversations_select|channels_select/.test(String(e.type))) values[id] = byName(value);
    else values[id] = value;
  }
  return values;
}

/** Prints what the person saw after `before`, once things settle (response_urls and modals come later). */
async function printFollowUps(
  emulator: EmulatorClient,
  teamId: string,
  user: string,
  before: SeenItem[],
  names: Record<string, string>,
) {
  const known = new Set(before.map((s) => s.id));
  let last = -1;
  let settledSince = Date.now();
  const started = Date.now();
  let fresh: SeenItem[] = [];
  while (Date.now() - started < 5000) {
    await new Promise((r) => setTimeout(r, 200));
    fresh = (await emulator.seen(teamId, user)).filter((s) => !known.has(s.id));
    if (fresh.length !== last) settledSince = Date.now();
    last = fresh.length;
    if (Date.now() - settledSince > 1000 && Date.now() - started > 1200) break;
  }
  // Channels may have been created meanwhile (an incident's): name them too.
  Object.assign(names, await namesOf(emulator, teamId));
  const current = fresh.filter((s) => !s.replaced && !s.deleted && s.kind !== "modal");
  for (const s of current) console.log(`${renderSeen(s, names)}\n`);
  const top = (await emulator.views(teamId, user)).stack.at(-1);
  if (top) console.log(`${renderView(top, names)}\n  submit with: npm run slack -- submit key=value …`);
  if (!current.length && !top) console.log("(nothing new to see)");
}

const VERBS = ["click", "submit", "history", "seen", "home"];
const usage = () =>
  readFileSync(new URL(import.meta.url), "utf8")
    .split("*/")[0]
    ?.replace(/^\/\*\*?|^ \* ?/gm, "");

async function main() {
  const { flags, rest } = parseArgs(process.argv.slice(2));
  if (!rest[0] || (!rest[0].startsWith("/") && !VERBS.includes(rest[0]))) return console.log(usage());
  await fetch(`${SLACK_URL}/_emulator/app`).catch(() => {
    throw new Error(`cannot reach the Slack emulator at ${SLACK_URL}: is \`npm run dev\` running?`);
  });
  const driver = new SlackDriver({
    slackUrl: SLACK_URL,
    signingSecret: secret(),
    deliver: (r) => fetch(r),
    requestUrl: `${APP_URL}/slack/events`,
  });
  const emulator = driver.emulator;
  const team = await pickTeam(emulator, flags.team);
  const names = await namesOf(emulator, team.id);
  const user = Object.entries(names).find(([, n]) => n === (flags.user ?? "alice"))?.[0] ?? flags.user ?? "alice";
  const channel = (flags.channel ?? "general").replace(/^#/, "");
  const before = await emulator.seen(team.id, user);
  const [verb = "", ...args] = rest;
  const report = (r: { status: number; timedOut: boolean; errors?: Record<string, string> }) => {
    if (r.timedOut) console.log("✗ Firebreak took longer than 3 s: Slack gave up");
    else if (r.status && (r.status < 200 || r.status > 299)) console.log(`✗ Firebreak answered HTTP ${r.status}`);
    for (const [k, e] of Object.entries(r.errors ?? {})) console.log(`! ${k}: ${e}`);
  };
  console.log(`${names[user] ?? user} in ${team.name}, #${channel}\n`);
  if (verb.startsWith("/")) {
    const [command = "/incident", ...words] = [verb, ...args].join(" ").split(" ");
    report(await driver.command({ team: team.id, user, channel, command, text: words.join(" ") }));
  } else if (verb === "click") {
    const { actionId, where } = await findButton(emulator, team.id, user, channel, args.join(" "));
    report(await driver.clickButton({ team: team.id, user, actionId, in: where }));
  } else if (verb === "submit") {
    const top = (await emulator.views(team.id, user)).stack.at(-1);
    if (!top) throw new Error(`${names[user]} has no modal open`);
    report(await driver.submitView({ team: team.id, user, viewId: top.id, values: submitValues(top, args, names) }));
  } else if (verb === "history") {
    const ch = await emulator.channelByName(team.id, args[0] ?? channel);
    if (!ch) throw new Error(`no channel ${args[0] ?? channel}`);
    for (const m of await emulator.history(ch.id)) console.log(`${renderHistoryLine(m, names)}\n`);
    return;
  } else if (verb === "seen") {
    for (const s of before.filter((x) => !x.replaced && !x.deleted)) console.log(`${renderSeen(s, names)}\n`);
    return;
  } else {
    await emulator.openAppHome(team.id, user);
    await new Promise((r) => setTimeout(r, 1500));
    const home = (await emulator.views(team.id, user)).home;
    console.log(home ? renderView(home, names) : "(the app published no Home tab)");
    return;
  }
  await printFollowUps(emulator, team.id, user, before, names);
}

main().catch((err) => {
  console.error(`✗ ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
