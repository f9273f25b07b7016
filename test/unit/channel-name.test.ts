import { describe, expect, it } from "vitest";
import { CHANNEL_NAME_MAX, cleanPrefix, incidentChannelName, slugify } from "../../src/slack/channel-name";

const SLACK_NAME = /^[a-z0-9_-]{1,80}$/;

describe("incident channel names", () => {
  it("follows Slack's rules for any title", () => {
    for (const title of [
      "Database down",
      "Ünïcödé façade — ça marche?",
      "🔥🔥🔥",
      "a".repeat(200),
      "  --__--  ",
      "UPPER case",
    ]) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const name = incidentChannelName("inc", 12345, title, attempt);
        expect(name).toMatch(SLACK_NAME);
        expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX);
      }
    }
  });

  it("reads like the incident", () => {
    expect(incidentChannelName("inc", 4, "Database down")).toBe("inc-4-database-down");
    expect(incidentChannelName("inc", 4, "Database down", 1)).toBe("inc-4-database-down-2");
    expect(incidentChannelName("inc", 4, "🔥")).toBe("inc-4");
    expect(incidentChannelName("sev", 4, "Café crème")).toBe("sev-4-cafe-creme");
    expect(slugify("Payments: 50% failing!")).toBe("payments-50-failing");
  });

  it("falls back to inc for a prefix Slack would refuse", () => {
    expect(cleanPrefix("")).toBe("inc");
    expect(cleanPrefix("!!!")).toBe("inc");
    expect(cleanPrefix("Ops Team")).toBe("ops-team");
  });
});
