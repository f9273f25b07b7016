/** Small, pure helpers for Block Kit text. */
import type { ContextBlock, MrkdwnTextField, PlainTextField, SectionBlock } from "slack-edge";

/** Escapes the three characters Slack's mrkdwn treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
