/**
 * Slack's consent pages, as plain forms a browser test can click through:
 * GET /oauth/v2/authorize (install) and GET /openid/connect/authorize (Sign in with Slack).
 * Step 1 picks the workspace (skipped when `team` is given), step 2 who you are (and, for
 * incoming-webhook, the channel); Allow redirects with `code` and `state`, Cancel with
 * `error=access_denied`. Bad client_id, redirect_uri or scopes get an error page, never a redirect.
 */
import { Hono } from "hono";
import { dottedToken } from "../ids";
import { KNOWN_SCOPES } from "../scopes";
import type { EmulatorState, User } from "../state";
import { errorPage, esc, hidden, isHttpUrl, page, select, withQuery } from "./html";

type Flow = "oauth" | "oidc";
type Params = Record<string, string | undefined>;
const PATHS: Record<Flow, string> = { oauth: "/oauth/v2/authorize", oidc: "/openid/connect/authorize" };
const CARRIED: Record<Flow, string[]> = {
  oauth: ["client_id", "scope", "user_scope", "redirect_uri", "state"],
  oidc: ["response_type", "scope", "client_id", "redirect_uri", "state", "nonce"],
};

const split = (s: string | undefined) => (s ?? "").split(/[\s,]+/).filter(Boolean);

/** A reason to refuse the request outright, as Slack's error pages do. */
function problem(state: EmulatorState, flow: Flow, p: Params): [string, string] | undefined {
  if (p.client_id !== state.app.clientId)
    return ["Invalid client_id parameter", `No app has client_id "${p.client_id ?? ""}".`];
  if (!isHttpUrl(p.redirect_uri))
    return ["Invalid redirect_uri", `redirect_uri "${p.redirect_uri ?? ""}" is not an http(s) URL.`];
  const scopes = [...split(p.scope), ...(flow === "oauth" ? split(p.user_scope) : [])];
  const unknown = scopes.filter((s) => !(s in KNOWN_SCOPES));
  if (unknown.length) return ["Invalid permissions requested", `Unknown scopes: ${unknown.join(", ")}`];
  if (flow === "oauth" && scopes.length === 0) return ["Invalid permissions requested", "No scope or user_scope."];
  if (flow === "oidc") {
    if (p.response_type !== "code") return ["Invalid response_type", "response_type must be code."];
    if (!split(p.scope).includes("openid")) return ["Invalid scope", "scope must include openid."];
    if (split(p.scope).some((s) => !["openid", "profile", "email"].includes(s))) {
      return ["Invalid scope", "Sign in with Slack accepts only openid, profile and email."];
    }
  }
  return undefined;
}

/** Who may act for a workspace (or, for an org-wide install, the org). */
function people(state: EmulatorState, teamId: string): User[] {
  const org = state.data.enterprises[teamId];
  const ids = org ? org.teamIds : [teamId];
  const all = ids.flatMap((t) => state.usersOf(t)).filter((u) => !u.deleted && !u.bot);
  return [...new Map(all.map((u) => [u.id, u])).values()];
}

function workspaceStep(state: EmulatorState, flow: Flow, p: Params): string {
  const options = Object.values(state.data.teams).map((t) => ({ value: t.id, label: `${t.name} (${t.domain})` }));
  if (flow === "oauth") {
    for (const e of Object.values(state.data.enterprises))
      options.push({ value: e.id, label: `${e.name}: the whole organization` });
  }
  const carried = Object.fromEntries(CARRIED[flow].map((k) => [k, p[k]]));
  return page(
    `${state.app.name}: choose a workspace`,
    `<h1>${flow === "oauth" ? "Install" : "Sign in to"} ${esc(state.app.name)}</h1>
<form method="get" action="${PATHS[flow]}">${hidden(carried)}
${select("team", "Workspace", options)}
<button type="submit">Continue</button></form>`,
  );
}

function consentStep(state: EmulatorState, flow: Flow, p: Params, teamId: string): string {
  const team = state.team(teamId);
  const org = state.data.enterprises[teamId];
  const where = team?.name ?? org?.name ?? teamId;
  const users = people(state, teamId).map((u) => ({ value: u.id, label: `${u.realName} (@${u.name})` }));
  const list = (scopes: string[]) =>
    scopes.map((s) => `<li><code>${esc(s)}</code>: ${esc(KNOWN_SCOPES[s])}</li>`).join("");
  const wantsWebhook = flow === "oauth" && split(p.scope).includes("incoming-webhook");
  const teams = org ? org.teamIds : [teamId];
  const channels = teams.flatMap((t) =>
    state
      .conversationsOf(t)
      .filter((c) => !c.isIm && !c.isArchived)
      .map((c) => ({
        value: c.id,
        label: `#${c.name}${c.isPrivate ? " (private)" : ""}${org ? ` in ${state.team(t)?.name}` : ""}`,
      })),
  );
  const carried = Object.fromEntries([...CARRIED[flow], "team"].map((k) => [k, k === "team" ? teamId : p[k]]));
  const scopes =
    flow === "oauth"
      ? `<h2>${esc(state.app.name)} will be able to</h2><ul>${list(split(p.scope))}</ul>${
          split(p.user_scope).length
            ? `<h2>On your behalf, it will be able to</h2><ul>${list(split(p.user_scope))}</ul>`
            : ""
        }`
      : `<p>${esc(state.app.name)} will receive: <ul>${list(split(p.scope))}</ul></p>`;
  return page(
    `${state.app.name} is requesting permission to access ${where}`,
    `<h1>${esc(state.app.name)} is requesting permission to access the ${esc(where)} Slack ${org ? "organization" : "workspace"}</h1>
<form method="post" action="${PATHS[flow]}">${hidden(carried)}
${select("user", "Signed in as", users)}
${scopes}
${wantsWebhook ? select("channel", `Where should ${state.app.name} post?`, channels) : ""}
<button type="submit" name="decision" value="allow" class="allow">Allow</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
  );
}

/** Allow: a one-time code for the person's choice, or an error page if the choice is not possible. */
function allow(state: EmulatorState, flow: Flow, p: Params): { code: string } | { error: [string, string] } {
  const teamId = p.team ?? "";
  const org = state.data.enterprises[teamId];
  if (!state.team(teamId) && !org) return { error: ["Unknown workspace", teamId] };
  const user = people(state, teamId).find((u) => u.id === p.user);
  if (!user) return { error: ["Unknown user", `${p.user ?? ""} cannot sign in to ${teamId}.`] };
  if (org && !user.orgAdmin)
    return { error: ["Not allowed", "Only org admins and owners can install on the whole organization."] };
  let webhookChannelId: string | undefined;
  if (flow === "oauth" && split(p.scope).includes("incoming-webhook")) {
    const channel = state.conversation(p.channel);
    const inScope = org ? org.teamIds.includes(channel?.teamId ?? "") : channel?.teamId === teamId;
    if (!channel || !inScope)
      return { error: ["Pick a channel", "incoming-webhook needs a channel of this workspace."] };
    if (channel.isPrivate && !channel.members.includes(user.id))
      return { error: ["Pick a channel", "You are not in that private channel."] };
    webhookChannelId = channel.id;
  }
  const code = dottedToken();
  state.data.codes[code] = {
    code,
    flow,
    redirectUri: p.redirect_uri ?? "",
    teamId,
    ...(org
      ? { enterpriseId: org.id }
      : state.team(teamId)?.enterpriseId
        ? { enterpriseId: state.team(teamId)?.enterpriseId }
        : {}),
    orgWide: !!org,
    userId: user.id,
    scopes: split(p.scope),
    userScopes: flow === "oauth" ? split(p.user_scope) : [],
    webhookChannelId,
    nonce: p.nonce,
    created: state.now(teamId),
    used: false,
  };
  return { code };
}

export function consentRoutes(state: EmulatorState) {
  const app = new Hono();
  for (const flow of ["oauth", "oidc"] as const) {
    app.get(PATHS[flow], (c) => {
      const p = c.req.query();
      const bad = problem(state, flow, p);
      if (bad) return c.html(errorPage(...bad), 400);
      const team = p.team && (state.team(p.team) || state.data.enterprises[p.team]) ? p.team : undefined;
      return c.html(team ? consentStep(state, flow, p, team) : workspaceStep(state, flow, p));
    });
    app.post(PATHS[flow], async (c) => {
      const p = Object.fromEntries(new URLSearchParams(await c.req.text())) as Params;
      const bad = problem(state, flow, p);
      if (bad) return c.html(errorPage(...bad), 400);
      const redirect = p.redirect_uri ?? "";
      if (p.decision !== "allow")
        return c.redirect(withQuery(redirect, { error: "access_denied", state: p.state ?? "" }), 302);
      const result = allow(state, flow, p);
      if ("error" in result) return c.html(errorPage(...result.error), 400);
      return c.redirect(withQuery(redirect, { code: result.code, state: p.state ?? "" }), 302);
    });
  }
  return app;
}
