/**
 * Turns the text after the slash command into a sub-command with checked arguments, or into
 * a sentence that tells the person what was wrong and how to say it.
 */
import {
  isRole,
  isStatus,
  ROLES,
  type Role,
  type Severity,
  STATUSES,
  type Status,
  TITLE_MAX_LENGTH,
} from "../../incidents/model";
import { escapeMrkdwn } from "../blocks/text";
import { findSubcommand, type SubcommandSpec } from "./subcommands";

export type ParsedCommand =
  | { name: "help" }
  | { name: "declare"; title: string }
  | { name: "list" }
  | { name: "status"; status: Status }
  | { name: "severity"; severity: Severity }
  | { name: "role"; role: Role; userId: string }
  | { name: "update"; text: string }
  | { name: "note"; text: string }
  | { name: "timeline" }
  | { name: "resolve"; summary: string }
  | { name: "postmortem" };

export type ParseResult =
  | { ok: true; command: ParsedCommand; spec: SubcommandSpec }
  | { ok: false; unknown?: string; problem: string; spec?: SubcommandSpec };

/** Slack's escaped user mention: <@U123> or <@U123|name> (W… ids on Enterprise Grid). */
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** Parses `/incident <text>`; `command` is the registered name, for the usage lines. */
export function parseCommand(text: string, command = "/incident"): ParseResult {
  const trimmed = text.trim();
  if (trimmed === "") return ok({ name: "help" });
  const [word = "", rest = ""] = splitFirstWord(trimmed);
  const spec = findSubcommand(word);
  if (!spec) return { ok: false, unknown: truncate(word, 40), problem: `I don't know \`${truncate(word, 40)}\`.` };
  // In mrkdwn even inside `code`, <a|b> is a link: the placeholders must be escaped.
  const usage = `Usage: \`${command} ${spec.name}${spec.usage ? ` ${escapeMrkdwn(spec.usage)}` : ""}\``;
  const fail = (problem: string): ParseResult => ({ ok: false, problem: `${problem} ${usage}`, spec });
  const args = rest.trim();

  switch (spec.name) {
    case "help":
    case "list":
    case "timeline":
    case "postmortem":
      return ok({ name: spec.name }, spec);
    case "declare": {
      // A long title still opens the modal, prefilled with as much as fits, to be shortened there.
      const title = [...unquote(args)].slice(0, TITLE_MAX_LENGTH).join("");
      return ok({ name: "declare", title }, spec);
    }
    case "status": {
      const status = args.toLowerCase();
      if (!args) return fail("Which status?");
      if (!isStatus(status))
        return fail(`\`${truncate(args, 40)}\` is not a status: use one of ${STATUSES.join(", ")}.`);
      return ok({ name: "status", status }, spec);
    }
    case "sev": {
      const severity = parseSeverity(args);
      if (!args) return fail("Which severity?");
      if (!severity) return fail(`\`${truncate(args, 40)}\` is not a severity: use 1, 2, 3 or 4 (1 is the worst).`);
      return ok({ name: "severity", severity }, spec);
    }
    case "role":
      return parseRole(word.toLowerCase() === "lead" ? `commander ${args}` : args, fail, spec);
    case "update":
    case "note": {
      const body = unquote(args);
      if (!body) return fail(spec.name === "update" ? "What is the update?" : "What should the note say?");
      return ok({ name: spec.name, text: body }, spec);
    }
    case "resolve":
      return ok({ name: "resolve", summary: unquote(args) }, spec);
  }
}

function parseRole(args: string, fail: (p: string) => ParseResult, spec: SubcommandSpec): ParseResult {
  const [roleWord = "", who = ""] = splitFirstWord(args);
  const role = roleWord.toLowerCase();
  if (!roleWord) return fail("Which role, and for whom?");
  if (!isRole(role)) return fail(`\`${truncate(roleWord, 40)}\` is not a role: use one of ${ROLES.join(", ")}.`);
  const mention = USER_MENTION.exec(who.trim());
  if (!mention?.[1]) return fail(`Mention the person, like \`@alex\`.`);
  return ok({ name: "role", role, userId: mention[1] }, spec);
}

/** "1", "sev1", "SEV-1", "sev 1", "p1" → "SEV1". */
export function parseSeverity(text: string): Severity | undefined {
  const match = /^(?:sev|p)?[\s-]?([1-4])$/i.exec(text.trim());
  return match ? (`SEV${match[1]}` as Severity) : undefined;
}

function ok(command: ParsedCommand, spec?: SubcommandSpec): ParseResult {
  return { ok: true, command, spec: spec ?? (findSubcommand(command.name) as SubcommandSpec) };
}

function splitFirstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return match ? [match[1] ?? "", match[2] ?? ""] : ["", ""];
}

/** Strips one pair of surrounding quotes, straight or curly, that people type around titles. */
function unquote(text: string): string {
  const match = /^(["'“‘])([\s\S]*)(["'”’])$/.exec(text.trim());
  if (match && pairs(match[1] ?? "", match[3] ?? "")) return (match[2] ?? "").trim();
  return text.trim();
}

function pairs(open: string, close: string): boolean {
  return (
    (open === close && (open === '"' || open === "'")) ||
    (open === "“" && close === "”") ||
    (open === "‘" && close === "’")
  );
}

/** Shortens what a person typed for quoting back to them inside `code`. */
function truncate(text: string, max: number): string {
  const chars = [...text.replace(/`/g, "'")];
  return escapeMrkdwn(chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join(""));
}
