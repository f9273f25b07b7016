/** Small, pure helpers for Block Kit text. */
import type { ContextBlock, MrkdwnTextField, PlainTextField, SectionBlock } from "slack-edge";
import { KEPT_MARKUP } from "../../incidents/readable-text";

/** Escapes the three characters Slack's mrkdwn treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * What a person wrote, as mrkdwn: escaped, except for mentions of people and channels and
 * links, which stay live. `<!here>`, `<!channel>` and user-group pings never survive.
 */
export function userText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(KEPT_MARKUP)) {
    out += escapeMrkdwn(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeMrkdwn(text.slice(last));
}

export const mrkdwn = (text: string): MrkdwnTextField => ({ type: "mrkdwn", text });
export const plain = (text: string): PlainTextField => ({ type: "plain_text", text: clip(text, 150), emoji: true });

export const section = (text: string): SectionBlock => ({ type: "section", text: mrkdwn(clip(text)) });
export const context = (...texts: string[]): ContextBlock => ({
  type: "context",
  elements: texts.map((t) => mrkdwn(clip(t))),
});

/** Block Kit caps section text at 3,000 characters. */
export function clip(text: string, max = 3000): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
