/**
 * Raw, signed requests to POST /slack/events, for tests that need to bend one byte or one
 * header. Conversations with Slack go through the emulator's driver instead.
 */
import { env } from "cloudflare:workers";
import { signSlackBody } from "../../src/slack/verify-signature";

export const EVENTS_URL = "https://firebreak.test/slack/events";

export interface SignOptions {
  contentType?: string;
  /** Seconds since the epoch, or any string to send as-is. */
  timestamp?: number | string;
  /** Replace the computed signature (null: send none). */
  signature?: string | null;
  headers?: Record<string, string>;
  /** Sign these bytes but send `body`: for tampering tests. */
  signedBody?: string;
}

export async function signedRequest(body: string, options: SignOptions = {}): Promise<Request> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers = new Headers({
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    ...options.headers,
  });
  const signature =
    options.signature === undefined
      ? await signSlackBody(env.SLACK_SIGNING_SECRET, timestamp, new TextEncoder().encode(options.signedBody ?? body))
      : options.signature;
  if (signature !== null) headers.set("x-slack-signature", signature);
  return new Request(EVENTS_URL, { method: "POST", headers, body });
}

/** A slash command's form body, as Slack sends it. */
export function commandBody(fields: {
  team_id: string;
  user_id?: string;
  channel_id?: string;
  text?: string;
  command?: string;
}) {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: fields.team_id,
    team_domain: "acme",
    channel_id: fields.channel_id ?? "C0GENERAL",
    channel_name: "general",
    user_id: fields.user_id ?? "U0ALICE",
    user_name: "alice",
    command: fields.command ?? "/incident",
    text: fields.text ?? "",
    api_app_id: "A0FIREBREAK",
    response_url: "https://hooks.slack.test/commands/T0/1/abc",
    trigger_id: "1.2.abc",
  }).toString();
}

/** An event_callback envelope. */
export function eventBody(teamId: string, eventId: string, event: Record<string, unknown>) {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: "A0FIREBREAK",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}
