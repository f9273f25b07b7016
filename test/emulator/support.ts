/** Shared by the emulator's own tests: raw Web API calls and a direct OAuth install (no Firebreak involved). */
import { env } from "cloudflare:workers";
import { BOT_SCOPES } from "../../src/slack/scopes";
import { verifySlackSignature } from "../../src/slack/verify-signature";
import { EmulatorClient } from "../slack-emulator/control";
import type { SeededWorkspace, WorkspaceSpec } from "../slack-emulator/types";

export const slackUrl = env.SLACK_BASE_URL;
export const emulator = new EmulatorClient(slackUrl);
export const REDIRECT = "https://app.example/slack/oauth_redirect";

// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field in assertions.
export type Answer = { status: number; body: any; retryAfter: string | null };

/** One Web API call, form-encoded like slack-edge's client (or JSON with `json: true`). */
export async function call(
  method: string,
  args: Record<string, unknown> = {},
  token?: string,
  o: { json?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let body: string;
  if (o.json) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(args);
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(args)) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
    body = form.toString();
  }
  const res = await fetch(`${slackUrl}/api/${method}`, { method: "POST", headers, body });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get("retry-after") };
}

/** Clicks through the authorize page for `userId` and returns the code from the redirect. */
export async function authorizeCode(
  teamId: string,
  userId: string,
  o: { scope?: string; userScope?: string; channel?: string; redirectUri?: string; decision?: string } = {},
): Promise<{ location: URL; status: number }> {
  const form = new URLSearchParams({
    client_id: env.SLACK_CLIENT_ID,
    scope: o.scope ?? BOT_SCOPES.join(","),
    user_scope: o.userScope ?? "",
    redirect_uri: o.redirectUri ?? REDIRECT,
    state: "st4te",
    team: teamId,
    user: userId,
    decision: o.decision ?? "allow",
  });
  if (o.channel) form.set("channel", o.channel);
  const res = await fetch(`${slackUrl}/oauth/v2/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  return { status: res.status, location: new URL(res.headers.get("location") ?? "http://none/") };
}

/** Installs the app as its OAuth callback would: authorize, then oauth.v2.access. */
export async function install(ws: SeededWorkspace, o: { scope?: string; userScope?: string; user?: string } = {}) {
  const user = o.user ?? Object.values(ws.users).find((u) => u.admin)?.id ?? "";
  const channel = Object.values(ws.channels)[0]?.id;
  const { location } = await authorizeCode(ws.team.id, user, { ...o, channel });
  const code = location.searchParams.get("code") ?? "";
  const answer = await call("oauth.v2.access", {
    client_id: env.SLACK_CLIENT_ID,
    client_secret: env.SLACK_CLIENT_SECRET,
    code,
    redirect_uri: REDIRECT,
  });
  if (!answer.body.ok) throw new Error(`install failed: ${JSON.stringify(answer.body)}`);
  return { bot: answer.body.access_token as string, response: answer.body };
}

/** A fresh default workspace with the app installed (Firebreak's scopes). */
export async function installedWorkspace<const S extends WorkspaceSpec = { name: string }>(spec?: S) {
  const ws = await emulator.seedWorkspace<S>(spec ?? ({ name: "Emulator Test" } as S));
  const { bot, response } = await install(ws);
  return { ws, bot, botUserId: response.bot_user_id as string, response };
}

// biome-ignore lint/suspicious/noExplicitAny: payloads are read field by field in assertions.
export type Payload = any;

/**
 * A stand-in app for the driver to talk to: checks the signature like Firebreak does, parses
 * the body like Slack sent it, and answers with `handler`'s result (JSON, or an empty 200).
 */
export function fakeApp(handler: (payload: Payload, req: Request) => unknown | Promise<unknown>) {
  const received: { payload: Payload; headers: Headers }[] = [];
  const deliver = async (req: Request) => {
    const raw = new Uint8Array(await req.arrayBuffer());
    if (!(await verifySlackSignature(env.SLACK_SIGNING_SECRET, req.headers, raw)))
      return new Response("bad signature", { status: 401 });
    const text = new TextDecoder().decode(raw);
    const type = req.headers.get("content-type") ?? "";
    const form = new URLSearchParams(text);
    const payload = type.startsWith("application/json")
      ? JSON.parse(text)
      : form.has("payload")
        ? JSON.parse(form.get("payload") ?? "")
        : Object.fromEntries(form);
    received.push({ payload, headers: req.headers });
    const out = await handler(payload, req);
    if (out instanceof Response) return out;
    return out === undefined ? new Response(null, { status: 200 }) : Response.json(out);
  };
  return { deliver, received };
}

export const modal = (title: string, blocks: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  type: "modal",
  title: { type: "plain_text", text: title },
  submit: { type: "plain_text", text: "Save" },
  blocks,
  ...extra,
});

export const textInput = (blockId: string, actionId: string, o: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: blockId,
  label: { type: "plain_text", text: blockId },
  element: { type: "plain_text_input", action_id: actionId, ...o },
});
