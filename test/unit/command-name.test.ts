/** Messages name the slash command as the operator registered it (SLACK_COMMAND), never a fixed one. */
import { describe, expect, it } from "vitest";
import type { Incident } from "../../src/incidents/incident";
import { appHomeView } from "../../src/slack/blocks/app-home";
import { incidentSummary } from "../../src/slack/blocks/incident-summary";
import { channelNotice, installerWelcome } from "../../src/slack/blocks/notices";
import { postmortemLink } from "../../src/slack/blocks/postmortem-link";
import { slackCommand } from "../../src/slack/slack-env";

const incident = {
  id: 1,
  number: 7,
  title: "Queue stuck",
  severity: "SEV2",
  status: "investigating",
  declaredBy: "U1",
  declaredAt: 0,
  lastUpdateAt: 0,
  isPrivate: false,
} as Incident;

describe("the slash command's name", () => {
  it("comes from SLACK_COMMAND, and falls back to /incident when that is not a command name", () => {
    expect(slackCommand({ SLACK_COMMAND: "/inc" })).toBe("/inc");
    expect(slackCommand({ SLACK_COMMAND: " /sev-bot " })).toBe("/sev-bot");
    for (const bad of ["", "inc", "/Inc Now", "/a<b>", undefined])
      expect(slackCommand({ SLACK_COMMAND: bad })).toBe("/incident");
  });

  it("is what every message tells people to type", () => {
    const texts = [
      channelNotice("/inc"),
      installerWelcome({ teamName: "Acme", settingsUrl: "https://x.test/settings", command: "/inc" }),
      incidentSummary(incident, "/inc"),
      postmortemLink(incident, "https://x.test/p.md", "/inc"),
      appHomeView([], "https://x.test/settings", "/inc"),
    ].map((m) => JSON.stringify(m));
    for (const text of texts) {
      expect(text).toContain("/inc");
      expect(text).not.toContain("/incident");
    }
  });
});
