/**
 * What a person typed, as Slack hands it to an app whose command has `should_escape: true`:
 * `&`, `<` and `>` become entities; @here, @channel and @everyone become `<!here>` and so on;
 * `@name` and `#channel` of this workspace become mentions. Markup a test already wrote the way
 * Slack sends it (`<@U…|name>`, `<#C…|name>`, `<!here>`, `<https://…>`) passes through.
 */
import type { EmulatorState } from "../state";

const SLACK_MARKUP = /<(?:[@#!][^<>|\s]+|(?:https?|mailto):[^<>|\s]+)(?:\|[^<>]*)?>/g;
const BROADCASTS = new Set(["here", "channel", "everyone"]);

export function asSlackSendsIt(state: EmulatorState, teamId: string, typed: string): string {
  let out = "";
  let last = 0;
  for (const match of typed.matchAll(SLACK_MARKUP)) {
    out += escapeTyped(state, teamId, typed.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeTyped(state, teamId, typed.slice(last));
}

function escapeTyped(state: EmulatorState, teamId: string, text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|\s)([@#])([a-z0-9._-]+)/gi, (whole, space: string, sigil: string, name: string) => {
      if (sigil === "@" && BROADCASTS.has(name)) return `${space}<!${name}>`;
      if (sigil === "@") {
        const user = state.findUser(teamId, name);
        return user ? `${space}<@${user.id}|${user.name}>` : whole;
      }
      const channel = state.findConversation(teamId, name);
      return channel ? `${space}<#${channel.id}|${channel.name}>` : whole;
    });
}
