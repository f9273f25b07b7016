/** Requests shaped and signed like Slack's, so the server does all the work a real one causes. */
import { exampleSecrets } from "./project";
import { fromSrc } from "./src-modules";

/** src/slack/verify-signature.ts: the signer our tests and emulator use. */
type Signer = { signSlackBody(secret: string, timestamp: string, body: Uint8Array): Promise<string> };

export interface SignedRequest {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A slash command as Slack posts it: form-encoded, every field Slack sends. */
export function slashCommandBody(teamId: string, command: string, text: string): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: teamId,
    team_domain: "bench",
    channel_id: "CBENCH",
    channel_name: "general",
    user_id: "UBENCHUSER",
    user_name: "bench",
    command,
    text,
    api_app_id: "ABENCH",
    is_enterprise_install: "false",
    response_url: "http://127.0.0.1:9/commands/TBENCH/1/unused",
    trigger_id: "1.2.bench",
  }).toString();
}

/**
 * Signs `body` with the example signing secret and a timestamp of now. Call it once per run:
 * the server accepts ±300 s, so one signature serves a whole run and the client only replays
 * bytes (it shares the 2 cores with the server and must stay light).
 */
export async function signedSlackPost(path: string, body: string): Promise<SignedRequest> {
  const secret = exampleSecrets().SLACK_SIGNING_SECRET ?? "";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const { signSlackBody } = await fromSrc<Signer>("slack/verify-signature.ts");
  const signature = await signSlackBody(secret, timestamp, new TextEncoder().encode(body));
  return {
    method: "POST",
    path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    },
    body,
  };
}
