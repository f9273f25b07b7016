/**
 * POST /api/<method>: the Web API pipeline every call goes through, in Slack's order: known
 * method, token, scopes, a running Retry-After, injected faults, the rate-limit bucket, the
 * method itself. Errors are HTTP 200 `{ok:false}`; rate limits are HTTP 429 with Retry-After.
 */
import { Hono } from "hono";
import { drawFault } from "../faults";
import { closeFor, retryAfterLeft, takeToken } from "../rate-limits";
import type { EmulatorState } from "../state";
import type { ApiCall } from "../types";
import { type ApiContext, Args, type MethodSpec, requireScope, SlackError } from "./kit";

const SECRET_ARGS = new Set(["token", "client_secret", "refresh_token", "code"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Parsed {
  raw: Record<string, unknown>;
  bearer?: string;
  basic?: { id: string; secret: string };
  json: boolean;
}

async function parseRequest(req: Request): Promise<Parsed> {
  const url = new URL(req.url);
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const json = type.startsWith("application/json");
  if (req.method === "POST") {
    if (json) {
      let body: unknown;
      try {
        body = JSON.parse(await req.text());
      } catch {
        throw new SlackError("invalid_json");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SlackError("invalid_json");
      Object.assign(raw, body);
    } else if (type.startsWith("multipart/form-data")) {
      for (const [k, v] of await req.formData()) if (typeof v === "string") raw[k] = v;
    } else {
      for (const [k, v] of new URLSearchParams(await req.text())) raw[k] = v;
    }
  }
  const auth = req.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const basicRaw = /^Basic\s+(\S+)$/i.exec(auth)?.[1];
  let basic: Parsed["basic"];
  if (basicRaw) {
    const [id = "", secret = ""] = atob(basicRaw).split(":");
    basic = { id, secret };
  }
  return { raw, bearer, basic, json };
}

function redact(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, SECRET_ARGS.has(k) ? "[redacted]" : v]));
}

/** Resolves the token into the call's context, refusing what Slack refuses. */
function authenticate(ctx: ApiContext, parsed: Parsed): void {
  // Slack only reads a JSON body's token from the Authorization header.
  const value = parsed.bearer ?? (parsed.json ? undefined : ctx.args.str("token"));
  if (!value) throw new SlackError("not_authed");
  const { state } = ctx;
  const token = state.data.tokens[value];
  if (!token || token.revoked) throw new SlackError("invalid_auth");
  if (token.expiresAt !== undefined && state.now(token.teamId) >= token.expiresAt) {
    throw new SlackError("token_expired");
  }
  if (token.kind === "user" && state.user(token.userId)?.deleted) throw new SlackError("account_inactive");
  ctx.token = token;
  ctx.actorId = token.userId;
  ctx.install = token.oidc ? undefined : state.data.installs[token.installKey];
  ctx.teamId = token.teamId;
  if (!ctx.teamId && ctx.install?.enterpriseId) {
    // An org-wide token: the workspace comes from team_id, the channel the call names, or the
    // trigger it opens a view with (a trigger belongs to the workspace it was fired in).
    const named = state.team(ctx.args.str("team_id"));
    const channelTeam = state.team(state.conversation(ctx.args.str("channel") ?? ctx.args.str("channel_id"))?.teamId);
    const triggerTeam = state.team(state.data.triggers[ctx.args.str("trigger_id") ?? ""]?.teamId);
    const team = named ?? channelTeam ?? triggerTeam;
    if (team?.enterpriseId === ctx.install.enterpriseId) ctx.teamId = team.id;
  }
}

export function apiRoutes(state: EmulatorState, methods: Record<string, MethodSpec>) {
  return new Hono().on(["GET", "POST"], "/api/:method", async (c) => {
    const method = c.req.param("method");
    const call: ApiCall = { method, tokenKind: "none", args: {}, at: state.now(), status: 200, ok: false };
    state.runtime.calls.push(call);
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      call.status = status;
      call.ok = body.ok === true;
      if (typeof body.error === "string") call.error = body.error;
      return c.json(body, status as 200, headers);
    };
    let parsed: Parsed;
    try {
      parsed = await parseRequest(c.req.raw);
    } catch (err) {
      return answer(200, { ok: false, error: err instanceof SlackError ? err.code : "invalid_form_data" });
    }
    call.args = redact(parsed.raw);
    const spec = methods[method];
    if (!spec) return answer(200, { ok: false, error: "unknown_method" });
    const ctx: ApiContext = { state, method, args: new Args(parsed.raw), request: c.req.raw };
    let fault: ReturnType<typeof drawFault>;
    try {
      if (spec.auth === "client") {
        ctx.teamId = spec.teamOf?.(ctx);
        ctx.basic = parsed.basic;
      } else {
        authenticate(ctx, parsed);
        call.tokenKind = ctx.token?.kind ?? "none";
      }
      const teamKey = ctx.teamId ?? ctx.token?.installKey;
      call.teamId = teamKey;
      if (spec.scopes) requireScope(ctx, ...spec.scopes);
      if (teamKey) {
        const left = retryAfterLeft(state, teamKey, method);
        if (left > 0) {
          call.beforeRetryAfter = true;
          return answer(429, { ok: false, error: "ratelimited" }, { "Retry-After": String(left) });
        }
      }
      fault = teamKey ? drawFault(state, teamKey, method, ctx.args) : undefined;
      if (fault) call.fault = fault.kind;
      if (fault?.kind === "scripted") throw new SlackError(fault.error);
      if (fault?.kind === "500") return answer(500, { ok: false, error: "internal_error" });
      if (fault?.kind === "429" && teamKey) {
        closeFor(state, teamKey, method, fault.retryAfter);
        return answer(429, { ok: false, error: "ratelimited" }, { "Retry-After": String(fault.retryAfter) });
      }
      if (teamKey) {
        const channel = ctx.args.str("channel");
        const wait = takeToken(state, teamKey, method, spec.tier, channel);
        if (wait > 0) return answer(429, { ok: false, error: "ratelimited" }, { "Retry-After": String(wait) });
      }
      const result = await spec.run(ctx);
      call.teamId = ctx.teamId ?? teamKey;
      if (fault?.kind === "ambiguous") return answer(500, { ok: false, error: "internal_error" });
      if (fault?.kind === "slow") await sleep(fault.ms);
      return answer(200, { ok: true, ...result });
    } catch (err) {
      // Whatever Slack made of an ambiguous call, the client only sees the 500.
      if (fault?.kind === "ambiguous") return answer(500, { ok: false, error: "internal_error" });
      if (err instanceof SlackError) return answer(200, { ok: false, error: err.code, ...err.extra });
      console.error(`slack emulator: ${method} crashed`, err);
      return answer(500, { ok: false, error: "fatal_error" });
    }
  });
}
