import { describe, expect, it } from "vitest";
import { parseCommand, parseSeverity } from "../../src/slack/commands/parse-command";

const command = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(r.problem);
  return r.command;
};
const problem = (text: string) => {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`parsed ${JSON.stringify(r.command)}`);
  return r.problem;
};

describe("parseCommand", () => {
  it("reads every sub-command and its aliases", () => {
    expect(command("declare Database down")).toEqual({ name: "declare", title: "Database down" });
    expect(command("new")).toEqual({ name: "declare", title: "" });
    expect(command("START “Payments failing”")).toEqual({ name: "declare", title: "Payments failing" });
    expect(command("list")).toEqual({ name: "list" });
    expect(command("status Identified")).toEqual({ name: "status", status: "identified" });
    expect(command("sev 1")).toEqual({ name: "severity", severity: "SEV1" });
    expect(command("severity SEV-2")).toEqual({ name: "severity", severity: "SEV2" });
    expect(command("role scribe <@U123ABC|bob>")).toEqual({ name: "role", role: "scribe", userId: "U123ABC" });
    expect(command("lead <@W999>")).toEqual({ name: "role", role: "commander", userId: "W999" });
    expect(command('update "Failover done; watching"')).toEqual({ name: "update", text: "Failover done; watching" });
    expect(command("note 🔥 replica lag at 40s")).toEqual({ name: "note", text: "🔥 replica lag at 40s" });
    expect(command("resolve")).toEqual({ name: "resolve", summary: "" });
    expect(command("resolve Rolled back <#C123|deploys>")).toEqual({
      name: "resolve",
      summary: "Rolled back <#C123|deploys>",
    });
    expect(command("timeline")).toEqual({ name: "timeline" });
    expect(command("postmortem")).toEqual({ name: "postmortem" });
  });

  it("explains each mistake with the usage", () => {
    expect(problem("status")).toMatch(/Which status\? Usage: `\/incident status &lt;investigating\|identified/);
    expect(problem("status fixed")).toMatch(/`fixed` is not a status/);
    expect(problem("sev 7")).toMatch(/use 1, 2, 3 or 4/);
    expect(problem("role boss <@U1>")).toMatch(/`boss` is not a role/);
    expect(problem("role comms bob")).toMatch(/Mention the person/);
    expect(problem("update")).toMatch(/What is the update/);
    expect(command(`declare ${"x".repeat(81)}`)).toEqual({ name: "declare", title: "x".repeat(80) });
    expect(problem("<@U1|alice> hi")).toBe("I don't know `&lt;@U1|alice&gt;`.");
  });

  it("uses the registered command name in usage lines", () => {
    const r = parseCommand("sev", "/inc");
    expect(r.ok ? "" : r.problem).toContain("`/inc sev &lt;1-4&gt;`");
  });

  it("reads severities the ways people type them", () => {
    for (const text of ["1", "sev1", "SEV1", "sev-1", "sev 1", "p1"]) expect(parseSeverity(text)).toBe("SEV1");
    for (const text of ["0", "5", "sev", "one", "11"]) expect(parseSeverity(text)).toBeUndefined();
  });
});
