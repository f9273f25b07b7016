/**
 * The world an integration test runs in: Firebreak (the real worker, real D1 and Queues) and
 * Slack (the emulator), with the driver playing Slack's side. Workspaces are seeded fresh per
 * test and installed through the real OAuth flow.
 */
import { env, exports } from "cloudflare:workers";
import { database } from "../../src/db/client";
import { EmulatorClient } from "../slack-emulator/control";
import { SlackDriver } from "../slack-emulator/driver";
import { installViaOAuth } from "../slack-emulator/install-flow";
import type { SeededWorkspace, SeenItem } from "../slack-emulator/types";

export const APP_URL = "https://firebreak.test";
export const slackUrl = env.SLACK_BASE_URL;
export const emulator = new EmulatorClient(slackUrl);
export const firebreak = (req: Request) => exports.default.fetch(req);
export const driver = new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver: firebreak });
export const db = database(env.DB);

let seeded = 0;

export type Company = SeededWorkspace<
  "alice" | "bob" | "carol" | "dave" | "erin",
  "general" | "incidents" | "random" | "ops"
>;

/** A workspace like a small company's: alice (admin), bob, carol (owner), dave (deactivated), erin. */
export async function seedCompany(name = `Acme ${++seeded}`, extraChannels: string[] = []): Promise<Company> {
  return emulator.seedWorkspace({
    name,
    users: [
      { key: "alice", admin: true, tz: "Europe/Paris" },
      { key: "bob" },
      { key: "carol", owner: true },
      { key: "dave", deleted: true },
      { key: "erin" },
    ],
    channels: [
      { key: "general", name: "general", members: ["alice", "bob", "carol", "erin"] },
      { key: "incidents", name: "incidents", members: ["alice", "bob", "carol", "erin"] },
      { key: "random", name: "random", members: ["alice", "bob"] },
      { key: "ops", name: "ops", private: true, members: ["alice", "bob"] },
      ...extraChannels.map((c) => ({ key: c, name: c, members: ["bob"] })),
    ],
  });
}

/** A seeded company with Firebreak installed by alice, announcing in #incidents. */
export async function installedCompany(
  o: { name?: string; rotation?: boolean; extraChannels?: string[] } = {},
): Promise<Company> {
  const ws = await seedCompany(o.name, o.extraChannels);
  if (o.rotation) await emulator.setTokenRotation(ws, true);
  await install(ws.team.id, "alice", "#incidents");
  return ws;
}

/** A workspace of `size` people (p0, p1, …) sharing #general and #incidents, with Firebreak installed by p0. */
export async function installedCrowd(size: number, name = `Crowd ${++seeded}`) {
  const keys = Array.from({ length: size }, (_, i) => `p${i}`);
  const ws = await emulator.seedWorkspace({
    name,
    users: keys.map((key, i) => ({ key, admin: i === 0 })),
    channels: [
      { key: "general", name: "general", members: keys },
      { key: "incidents", name: "incidents", members: keys },
    ],
  });
  await install(ws.team.id, "p0", "#incidents");
  return ws;
}

/** Installs Firebreak through the emulator's OAuth pages as `user`, announcing in `channel`; fails loudly if it did not. */
export async function install(team: string, user: string, channel: string) {
  const { finalResponse, steps } = await installViaOAuth({ firebreak, appUrl: APP_URL, slackUrl, team, user, channel });
  if (finalResponse.status !== 302) throw new Error(`install failed: ${JSON.stringify(steps)}`);
}

/** Polls until `check` returns something truthy (queue work is asynchronous), or fails with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Messages a person can see in a channel, without Slack's system lines (joins, topic changes). */
export async function messagesIn(channelId: string) {
  return (await emulator.history(channelId)).filter((m) => !m.subtype);
}

/** The newest thing a person saw, optionally of one kind. */
export async function lastSeen(ws: Company, userId: string, kind?: SeenItem["kind"]) {
  const seen = (await emulator.seen(ws, userId)).filter((s) => !kind || s.kind === kind);
  return seen[seen.length - 1];
}

/** All the text of a Block Kit message, for assertions. */
export function textOf(item: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!item) return "";
  const parts: string[] = [item.text ?? ""];
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "text" && typeof value === "string") parts.push(value);
      else walk(value);
    }
  };
  walk(item.blocks);
  return parts.join("\n");
}

/** The incident row for a workspace's number. */
export async function incidentRow(teamId: string, number: number) {
  return env.DB.prepare("SELECT * FROM incidents WHERE team_id = ? AND number = ?")
    .bind(teamId, number)
    .first<Record<string, unknown>>();
}
