/**
 * The root command in the request: the options menu, answers for every kind of text, and the
 * workspaces Firebreak cannot serve (not installed, revoked, disabled). Nothing is stored.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedInstallation } from "../support/installations";
import { fetchRecordingJobs, rowCounts } from "../support/observe";
import { commandBody, signedRequest } from "../support/slack-request";

interface Reply {
  response_type: string;
  text: string;
  blocks?: { type: string; text?: { text: string }; elements?: { action_id?: string; text?: { text: string } }[] }[];
}

async function run(text: string, teamId = "TACME", command = "/incident") {
  const before = await rowCounts();
  const { response, jobs } = await fetchRecordingJobs(
    await signedRequest(commandBody({ team_id: teamId, text, command })),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  const reply = (await response.json()) as Reply;
  expect(reply.response_type).toBe("ephemeral");
  return { reply, jobs, unchanged: JSON.stringify(await rowCounts()) === JSON.stringify(before) };
}

const buttons = (reply: Reply) =>
  reply.blocks?.filter((b) => b.type === "actions").flatMap((b) => b.elements?.map((e) => e.text?.text) ?? []);
const allText = (reply: Reply) => [reply.text, ...(reply.blocks ?? []).map((b) => b.text?.text ?? "")].join("\n");

beforeAll(async () => {
  await seedInstallation({ teamId: "TACME" });
  await seedInstallation({ teamId: "TOFF" });
  await env.DB.prepare("UPDATE installations SET enabled = 0 WHERE team_id = 'TOFF'").run();
  await seedInstallation({ teamId: "TREVOKED", botToken: undefined });
});

describe("the options menu", () => {
  it.each(["", "help", "  HELP  "])("answers %j with Incident options", async (text) => {
    const { reply, jobs, unchanged } = await run(text);
    expect(reply.blocks?.find((b) => b.type === "header")?.text?.text).toBe("Incident options");
    expect(buttons(reply)).toEqual(["Declare incident", "Open incidents", "Help"]);
    expect(allText(reply)).toContain("/incident declare [title]");
    expect(allText(reply)).toContain("/incident resolve [summary]");
    expect(jobs).toEqual([]);
    expect(unchanged).toBe(true);
  });

  it("uses the command's registered name in the list", async () => {
    const { reply } = await run("help", "TACME", "/inc");
    expect(allText(reply)).toContain("/inc declare [title]");
    expect(allText(reply)).not.toContain("/incident ");
  });

  it("says what was not understood, then shows the menu", async () => {
    const { reply } = await run("frobnicate the database");
    expect(reply.blocks?.[0]?.text?.text).toContain("I don't know `frobnicate`");
    expect(buttons(reply)).toEqual(["Declare incident", "Open incidents", "Help"]);
  });

  it.each([
    ["4,000 characters", "x".repeat(4000)],
    ["emoji", "🔥🔥 fire"],
    ["a user mention", "<@U123ABC|alice> please"],
    ["a channel mention", "<#C123ABC|general>"],
    ["quotes and markup", '"<script>" & `rm -rf`'],
  ])("answers %s clearly, without echoing markup", async (_label, text) => {
    const { reply, unchanged } = await run(text);
    expect(reply.blocks?.[0]?.text?.text).toMatch(/^:warning: I don't know `/);
    expect(reply.blocks?.[0]?.text?.text.length).toBeLessThan(120);
    expect(allText(reply)).not.toContain("<script>");
    expect(unchanged).toBe(true);
  });
});

describe("workspaces Firebreak cannot serve", () => {
  it("tells a workspace without an installation how an admin installs it", async () => {
    const { reply, unchanged } = await run("help", "TNOBODY");
    expect(reply.text).toContain("isn't installed");
    expect(reply.text).toContain("https://firebreak.test/settings");
    expect(unchanged).toBe(true);
  });

  it("tells a workspace whose tokens were revoked to reinstall", async () => {
    const { reply, unchanged } = await run("help", "TREVOKED");
    expect(reply.text).toContain("reinstall");
    expect(unchanged).toBe(true);
  });

  it("answers a disabled workspace with a short notice and nothing else", async () => {
    const { reply, jobs, unchanged } = await run("declare Database down", "TOFF");
    expect(reply.text).toContain("turned off");
    expect(reply.blocks).toBeUndefined();
    expect(jobs).toEqual([]);
    expect(unchanged).toBe(true);
  });
});
