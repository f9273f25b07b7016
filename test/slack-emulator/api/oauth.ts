/**
 * oauth.v2.access and Sign in with Slack (openid.connect.*). Codes are one-time and die after
 * 10 minutes; the client id and secret are checked (form fields or HTTP Basic); a redirect_uri
 * sent here must equal the one sent to the authorize page.
 */
import { completeInstall, issueToken, TOKEN_LIFETIME_S } from "../installs";
import type { AuthCode, EmulatorState, User } from "../state";
import { type ApiContext, type MethodSpec, SlackError } from "./kit";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

function checkClient(ctx: ApiContext): void {
  const id = ctx.args.str("client_id") ?? ctx.basic?.id;
  const secret = ctx.args.str("client_secret") ?? ctx.basic?.secret;
  if (!id || id !== ctx.state.app.clientId) throw new SlackError("invalid_client_id");
  if (secret !== ctx.state.app.clientSecret) throw new SlackError("bad_client_secret");
}

/** A live, unused code of this flow; consumed only once every check passed. */
function takeCode(ctx: ApiContext, flow: AuthCode["flow"]): AuthCode {
  const code = ctx.state.data.codes[ctx.args.str("code") ?? ""];
  if (!code || code.flow !== flow || code.used) throw new SlackError("invalid_code");
  if (ctx.state.now(code.teamId) - code.created >= CODE_LIFETIME_MS) throw new SlackError("invalid_code");
  const redirect = ctx.args.str("redirect_uri");
  if (redirect !== undefined && redirect !== code.redirectUri) throw new SlackError("bad_redirect_uri");
  code.used = true;
  return code;
}

const codeTeam = (ctx: ApiContext) => ctx.state.data.codes[ctx.args.str("code") ?? ""]?.teamId;

function refreshTeam(ctx: ApiContext): string | undefined {
  const r = ctx.state.data.refreshTokens[ctx.args.str("refresh_token") ?? ""];
  const install = r ? ctx.state.data.installs[r.installKey] : undefined;
  return install?.teamId ?? install?.enterpriseId;
}

/** grant_type=refresh_token: a new access/refresh pair; the old refresh token is dead from now on. */
function refresh(ctx: ApiContext) {
  const { state } = ctx;
  const old = state.data.refreshTokens[ctx.args.str("refresh_token") ?? ""];
  if (!old) throw new SlackError("invalid_refresh_token");
  if (old.used) throw new SlackError("invalid_grant");
  const install = state.data.installs[old.installKey];
  if (!install || install.uninstalled) throw new SlackError("invalid_refresh_token");
  old.used = true;
  const previous = Object.values(state.data.tokens).find(
    (t) => t.installKey === old.installKey && t.kind === old.kind && t.userId === old.userId && !t.revoked,
  );
  const scopes = old.kind === "bot" ? install.botScopes : install.userScopes;
  const { token, refresh: next } = issueToken(state, {
    kind: old.kind,
    installKey: old.installKey,
    teamId: install.teamId,
    userId: old.userId,
    scopes: previous?.scopes ?? scopes,
    rotation: true,
  });
  if (old.kind === "bot") {
    Object.assign(install, { botToken: token.token, botRefreshToken: next?.token, botTokenExpiresAt: token.expiresAt });
  } else if (old.userId === install.installerUserId) {
    Object.assign(install, {
      userToken: token.token,
      userRefreshToken: next?.token,
      userTokenExpiresAt: token.expiresAt,
    });
  }
  const team = state.team(install.teamId);
  const org = install.enterpriseId ? state.data.enterprises[install.enterpriseId] : undefined;
  return {
    app_id: state.app.appId,
    authed_user: { id: install.installerUserId },
    scope: token.scopes.join(","),
    token_type: old.kind,
    access_token: token.token,
    ...(old.kind === "bot" ? { bot_user_id: install.botUserId } : { user_id: old.userId }),
    refresh_token: next?.token,
    expires_in: TOKEN_LIFETIME_S,
    team: team ? { id: team.id, name: team.name } : null,
    enterprise: org ? { id: org.id, name: org.name } : null,
    is_enterprise_install: install.isEnterpriseInstall,
  };
}

/** Claims about a person, as openid.connect.userInfo and the id_token carry them. */
function claims(state: EmulatorState, user: User, teamId: string) {
  const team = state.team(teamId);
  const org = team?.enterpriseId ? state.data.enterprises[team.enterpriseId] : undefined;
  const [given = user.realName, ...rest] = user.realName.split(" ");
  return {
    sub: user.id,
    "https://slack.com/user_id": user.id,
    "https://slack.com/team_id": teamId,
    email: user.email,
    email_verified: true,
    date_email_verified: Math.floor(state.now(teamId) / 1000) - 86_400,
    name: user.realName,
    picture: `${state.baseUrl}/avatars/${user.id}_192.png`,
    given_name: given,
    family_name: rest.join(" "),
    locale: "en-US",
    "https://slack.com/team_name": team?.name,
    "https://slack.com/team_domain": team?.domain,
    // In an Enterprise Grid workspace Slack names the org too.
    ...(org ? { "https://slack.com/enterprise_id": org.id, "https://slack.com/enterprise_name": org.name } : {}),
  };
}

const b64url = (bytes: Uint8Array | string) =>
  btoa(typeof bytes === "string" ? bytes : String.fromCharCode(...bytes))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");

/**
 * The id_token. Real Slack signs with RS256 (keys at /openid/connect/keys); the emulator signs
 * HS256 with the client secret, which OIDC allows for confidential clients and needs no key pair.
 */
async function idToken(state: EmulatorState, code: AuthCode, user: User): Promise<string> {
  const iat = Math.floor(state.now(code.teamId) / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: "https://slack.com",
      aud: state.app.clientId,
      exp: iat + 3600,
      iat,
      auth_time: iat,
      ...(code.nonce ? { nonce: code.nonce } : {}),
      ...claims(state, user, code.teamId),
    }),
  );
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(state.app.clientSecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${b64url(new Uint8Array(mac))}`;
}

export const oauthMethods: Record<string, MethodSpec> = {
  "oauth.v2.access": {
    tier: 4,
    auth: "client",
    teamOf: (ctx) => (ctx.args.str("grant_type") === "refresh_token" ? refreshTeam(ctx) : codeTeam(ctx)),
    run(ctx) {
      checkClient(ctx);
      const grant = ctx.args.str("grant_type") ?? "authorization_code";
      if (grant === "refresh_token") return refresh(ctx);
      if (grant !== "authorization_code") throw new SlackError("invalid_grant_type");
      return completeInstall(ctx.state, takeCode(ctx, "oauth"));
    },
  },
  "openid.connect.token": {
    tier: 3,
    auth: "client",
    teamOf: codeTeam,
    async run(ctx) {
      checkClient(ctx);
      const grant = ctx.args.str("grant_type") ?? "authorization_code";
      if (grant !== "authorization_code") throw new SlackError("unsupported_grant_type");
      const code = takeCode(ctx, "oidc");
      const user = ctx.state.user(code.userId);
      if (!user || user.deleted) throw new SlackError("invalid_code");
      const { token } = issueToken(ctx.state, {
        kind: "user",
        installKey: code.teamId,
        teamId: code.teamId,
        userId: user.id,
        scopes: code.scopes,
        oidc: true,
        rotation: false,
      });
      return { access_token: token.token, token_type: "Bearer", id_token: await idToken(ctx.state, code, user) };
    },
  },
  "openid.connect.userInfo": {
    tier: 3,
    scopes: ["openid"],
    run(ctx) {
      const user = ctx.state.user(ctx.token?.userId);
      if (!ctx.token?.oidc || !user || !ctx.teamId) throw new SlackError("invalid_auth");
      const all = claims(ctx.state, user, ctx.teamId);
      if (ctx.token.scopes.includes("email")) return all;
      const { email: _e, email_verified: _v, date_email_verified: _d, ...rest } = all;
      return rest;
    },
  },
};
