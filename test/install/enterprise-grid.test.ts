/** An Enterprise Grid org-wide install: stored once for the org, and found for every workspace in it. */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { SlackDriver } from "../slack-emulator/driver";
import { installViaOAuth } from "../slack-emulator/install-flow";
import { declareViaSlack, whenReady } from "../support/incidents";
import { settingsFields, signIn } from "../support/web";
import { APP_URL, emulator, firebreak, slackUrl, textOf } from "../support/world";

it("installs org-wide and answers /incident in each workspace of the org", async () => {
  const { enterprise, workspaces } = await emulator.seedEnterprise({
    name: "Globex",
    workspaces: [
      {
        name: "Globex Sales",
        users: [{ key: "alice", orgAdmin: true }],
        channels: [{ key: "general", name: "general" }],
      },
      {
        name: "Globex Eng",
        users: [{ key: "alice", orgAdmin: true }],
        channels: [{ key: "general", name: "general" }],
      },
    ],
  });
  const { finalResponse, steps } = await installViaOAuth({
    firebreak,
    appUrl: APP_URL,
    slackUrl,
    team: enterprise.id,
    user: "alice",
    channel: "general",
  });
  expect(finalResponse.status, JSON.stringify(steps)).toBe(302);
  const rows = await env.DB.prepare(
    "SELECT enterprise_id, team_id, is_enterprise_install FROM installations WHERE enterprise_id = ?",
  )
    .bind(enterprise.id)
    .all();
  expect(rows.results).toEqual([{ enterprise_id: enterprise.id, team_id: "", is_enterprise_install: 1 }]);

  const driver = new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver: firebreak });
  for (const ws of workspaces) {
    const alice = Object.values(ws.users).find((u) => u.key === "alice");
    if (!alice) throw new Error("no alice");
    await driver.command({ team: ws, user: "alice", channel: "general", text: "help" });
    const seen = (await emulator.seen(ws, alice.id)).filter((s) => s.kind === "reply");
    expect(textOf(seen[seen.length - 1])).toContain("Incident options");
  }

  // Incidents run in a workspace of the org, numbered per workspace, with the org's token.
  const eng = workspaces[1];
  if (!eng) throw new Error("no workspace");
  await declareViaSlack(eng, { title: "Build farm down", via: driver });
  const ready = await whenReady(eng.team.id, 1);
  const channel = await emulator.channel(ready.channel_id ?? "");
  expect(channel.teamId).toBe(eng.team.id);
  expect(channel.name).toBe("inc-1-build-farm-down");
  const incidentRow = await env.DB.prepare("SELECT enterprise_id FROM incidents WHERE id = ?")
    .bind(ready.id)
    .first<{ enterprise_id: string }>();
  expect(incidentRow?.enterprise_id).toBe(enterprise.id);
});

it("lets only the org's admins change an org-wide install, not one workspace's admin", async () => {
  const { enterprise, workspaces } = await emulator.seedEnterprise({
    name: "Initech",
    workspaces: [
      {
        name: "Initech Ops",
        users: [
          { key: "olga", orgAdmin: true },
          { key: "oscar", orgAdmin: true },
          { key: "wes", admin: true },
        ],
        channels: [{ key: "general", name: "general" }],
      },
    ],
  });
  const ops = workspaces[0];
  if (!ops) throw new Error("no workspace");
  await installViaOAuth({
    firebreak,
    appUrl: APP_URL,
    slackUrl,
    team: enterprise.id,
    user: "olga",
    channel: "general",
  });
  const prefix = () =>
    env.DB.prepare("SELECT channel_prefix FROM installations WHERE enterprise_id = ?").bind(enterprise.id).first();
  const save = async (user: string, channel_prefix: string) =>
    (await signIn(ops.team.id, user)).post(
      "/settings/messaging/slack",
      settingsFields({ channel_prefix }, ops.channels.general?.id),
    );

  expect((await save("wes", "wes")).status).toBe(403);
  expect(await prefix()).toEqual({ channel_prefix: "inc" });
  expect((await save("oscar", "oscar")).status).toBe(303);
  expect(await prefix()).toEqual({ channel_prefix: "oscar" });
});
