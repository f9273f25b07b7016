/** Block Kit as readable terminal text, for `npm run slack`: headers, sections, [Buttons], modal inputs. */
import type { Message, SeenItem, View } from "./types";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const textOf = (t: unknown): string => (isObj(t) && typeof t.text === "string" ? t.text : "");

/** Slack's <@U123>, <#C123|name>, <url|label> markup, made readable. */
export function plainMrkdwn(s: string, names: Record<string, string> = {}): string {
  return s
    .replace(/<@([UWB][A-Z0-9]+)>/g, (_, id: string) => `@${names[id] ?? id}`)
    .replace(/<#([CDG][A-Z0-9]+)(\|([^>]*))?>/g, (_, id: string, _p, name?: string) => `#${name || names[id] || id}`)
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function element(e: unknown): string {
  if (!isObj(e)) return "";
  switch (e.type) {
    case "button":
      return `[${textOf(e.text)}]`;
    case "overflow":
      return "[⋯]";
    case "image":
      return "";
    default: {
      const placeholder = textOf(e.placeholder);
      const initial = textOf(isObj(e.initial_option) ? e.initial_option.text : undefined);
      return `<${initial || placeholder || String(e.type)} ▾>`;
    }
  }
}

function input(b: Obj, names: Record<string, string>): string {
  const e = isObj(b.element) ? b.element : {};
  const key = `${b.block_id}.${e.action_id}`;
  const required = b.optional === true ? "" : "*";
  const options = Array.isArray(e.options)
    ? ` options: ${e.options.map((o) => (isObj(o) ? String(o.value) : "")).join(", ")}`
    : "";
  const initial =
    e.initial_value ||
    textOf(isObj(e.initial_option) ? e.initial_option.text : undefined) ||
    (names[String(e.initial_user)] ? `@${names[String(e.initial_user)]}` : e.initial_user) ||
    "";
  return `  ${textOf(b.label)}${required}  (${e.type}; ${key}${initial ? `; now "${initial}"` : ""}${options})`;
}

export function renderBlocks(blocks: unknown[] | undefined, names: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  for (const b of blocks ?? []) {
    if (!isObj(b)) continue;
    const md = (t: unknown) => plainMrkdwn(textOf(t), names);
    switch (b.type) {
      case "header":
        lines.push(`== ${textOf(b.text)} ==`);
        break;
      case "section": {
        if (b.text) lines.push(md(b.text) + (b.accessory ? `  ${element(b.accessory)}` : ""));
        if (Array.isArray(b.fields)) for (const f of b.fields) lines.push(`  ${md(f).replace(/\n/g, " ")}`);
        break;
      }
      case "actions":
        lines.push(Array.isArray(b.elements) ? b.elements.map(element).join(" ") : "");
        break;
      case "context":
        lines.push(`  ${Array.isArray(b.elements) ? b.elements.map(md).filter(Boolean).join(" · ") : ""}`);
        break;
      case "divider":
        lines.push("──────────");
        break;
      case "input":
        lines.push(input(b, names));
        break;
      case "image":
        lines.push(`[image: ${String(b.alt_text ?? "")}]`);
        break;
      default:
        lines.push(`(${String(b.type)} block)`);
    }
  }
  return lines;
}

/** Text and blocks of a message; the text alone when there are no blocks. */
export function renderMessage(m: { text?: string; blocks?: unknown[] }, names: Record<string, string> = {}): string {
  const lines = m.blocks?.length ? renderBlocks(m.blocks, names) : [plainMrkdwn(m.text ?? "", names)];
  return lines.join("\n");
}

export function renderView(v: View, names: Record<string, string> = {}): string {
  const buttons =
    v.type === "home"
      ? ""
      : [v.close ? `[${v.close.text}]` : "[Cancel]", v.submit ? `[${v.submit.text}]` : ""].join(" ");
  const errors = v.errors ? Object.entries(v.errors).map(([k, e]) => `  ! ${k}: ${e}`) : [];
  return [
    `┌ ${v.title?.text ?? "(home)"}  (view ${v.id})`,
    ...renderBlocks(v.blocks, names),
    ...errors,
    `└ ${buttons}`,
  ].join("\n");
}

const LABEL: Record<SeenItem["kind"], string> = {
  reply: "only visible to you",
  response_url: "only visible to you",
  ephemeral: "only visible to you",
  dm: "DM from the app",
  modal: "modal",
};

export function renderSeen(s: SeenItem, names: Record<string, string> = {}): string {
  if (s.error) return `✗ Slack shows: the command failed with the error "${s.error}"${s.text ? `\n${s.text}` : ""}`;
  const where = s.responseType === "in_channel" ? "posted in the channel" : LABEL[s.kind];
  const flags = s.deleted ? " (deleted)" : s.replaced ? " (replaced)" : "";
  const body =
    s.kind === "modal" ? `${s.text ?? ""}\n${renderBlocks(s.blocks, names).join("\n")}` : renderMessage(s, names);
  return `── ${where}${flags} ──\n${body}`;
}

export function renderHistoryLine(m: Message, names: Record<string, string> = {}): string {
  const who = m.bot_id ? `${names[m.user ?? ""] ?? "app"} (app)` : `@${names[m.user ?? ""] ?? m.user ?? "?"}`;
  const time = new Date(Number(m.ts) * 1000).toISOString().slice(11, 19);
  if (m.subtype) return `${time}  ${plainMrkdwn(m.text, names)}`;
  const pins = m.reactions?.map((r) => `:${r.name}: ${r.count}`).join(" ") ?? "";
  return `${time}  ${who}${m.thread_ts && m.thread_ts !== m.ts ? " (in thread)" : ""}\n${renderMessage(m, names)}${pins ? `\n  ${pins}` : ""}`;
}
