/** What people type, from Slack's escaped text to Firebreak's and back to mrkdwn. */
import { describe, expect, it } from "vitest";
import { userText } from "../../src/slack/blocks/text";
import { fromSlackText } from "../../src/slack/slack-text";

describe("text from Slack", () => {
  it("decodes the three entities and keeps mentions and links", () => {
    expect(fromSlackText("a &amp; b &lt;3 &gt; <@U1|alex> in <#C1|ops> see <https://x.test/a?b=1&amp;c=2|docs>")).toBe(
      "a & b <3 > <@U1|alex> in <#C1|ops> see <https://x.test/a?b=1&c=2|docs>",
    );
  });

  it("turns broadcasts, group pings and dates into plain words", () => {
    expect(
      fromSlackText(
        "<!here> <!channel> <!everyone|everyone> <!subteam^S1|@oncall> <!subteam^S2> on <!date^1700000000^{date}|Nov 14>",
      ),
    ).toBe("@here @channel @everyone @oncall @group on Nov 14");
  });
});

describe("text to Slack", () => {
  it("escapes what a person wrote but keeps people, channels and links live", () => {
    expect(userText("a & b <3 <@U1|alex> <#C1|ops> <https://x.test|docs> <mailto:a@b.test>")).toBe(
      "a &amp; b &lt;3 <@U1|alex> <#C1|ops> <https://x.test|docs> <mailto:a@b.test>",
    );
  });

  it("never lets a broadcast or group ping through, however it is written", () => {
    for (const ping of [
      "<!channel>",
      "<!here|here>",
      "<!subteam^S1>",
      "<@U1|<!channel>>",
      "<https://x.test|<!here>>",
    ]) {
      expect(userText(ping)).not.toMatch(/<!/);
    }
  });

  it("round-trips Slack's own escaping to the same mrkdwn", () => {
    const fromSlack = "deploy &lt;v2&gt; &amp; rollback, cc <@U1|alex>";
    expect(userText(fromSlackText(fromSlack))).toBe(fromSlack);
  });
});
