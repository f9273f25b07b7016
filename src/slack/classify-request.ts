/**
 * What Slack sent, decided from the verified raw body: an event, a slash command or an
 * interactive payload. Anything malformed is refused here with a 400, before slack-edge
 * (whose parser throws on bad JSON) or any listener sees it.
 */
import type { SlashCommand } from "slack-edge";
import { AppError } from "../errors";
import type { EventCallback } from "./events-inbox";

export type SlackRequest =
  | { kind: "url_verification"; challenge: string }
  | { kind: "event"; body: EventCallback }
  | { kind: "command"; payload: SlashCommand }
  | { kind: "interactive"; payload: Record<string, unknown> }
  | { kind: "ignored" };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isJson(contentType: string | null): boolean {
  return (contentType ?? "").toLowerCase().startsWith("application/json");
}

/** The body as a form, or undefined for JSON bodies (parsed once, for both checks below). */
export function formOf(contentType: string | null, body: string): URLSearchParams | undefined {
  return isJson(contentType) ? undefined : new URLSearchParams(body);
}

/** Slack's certificate check: an unsigned form post that wants a 200 and nothing else. */
export function isSslCheck(form: URLSearchParams | undefined): boolean {
  return form?.get("ssl_check") === "1";
}

export function classifySlackRequest(form: URLSearchParams | undefined, body: string): SlackRequest {
  if (!form) return classifyJson(body);
  const payload = form.get("payload");
  if (payload !== null) {
    const parsed = parseJson(payload, "The `payload` field is not valid JSON.");
    if (!isObject(parsed) || typeof parsed.type !== "string") throw bad("The `payload` field has no `type`.");
    return { kind: "interactive", payload: parsed };
  }
  if (form.has("command")) {
    for (const field of ["command", "team_id", "user_id"]) {
      if (!form.get(field)) throw bad(`The slash command is missing \`${field}\`.`);
    }
    return { kind: "command", payload: Object.fromEntries(form) as unknown as SlashCommand };
  }
  throw bad("Not a Slack request this app understands.");
}

function classifyJson(body: string): SlackRequest {
  const parsed = parseJson(body, "The body is not valid JSON.");
  if (!isObject(parsed)) throw bad("The body is not a JSON object.");
  switch (parsed.type) {
    case "url_verification":
      if (typeof parsed.challenge !== "string") throw bad("url_verification without a challenge.");
      return { kind: "url_verification", challenge: parsed.challenge };
    case "event_callback": {
      const event = parsed.event;
      if (typeof parsed.event_id !== "string" || !isObject(event) || typeof event.type !== "string") {
        throw bad("event_callback without event_id or event.type.");
      }
      return { kind: "event", body: parsed as unknown as EventCallback };
    }
    default:
      // app_rate_limited and anything new: verified, nothing to do.
      return { kind: "ignored" };
  }
}

function parseJson(text: string, problem: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bad(problem);
  }
}

const bad = (message: string) => new AppError("bad_request", message);
