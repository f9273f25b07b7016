/**
 * Installing, refreshing, revoking and uninstalling: the token lifecycle behind oauth.v2.access,
 * auth.revoke and the control API. Token rotation follows Slack: access tokens live 12 h, a
 * refresh issues a new pair and kills the old refresh token, the old access token lives on
 * until its own expiry.
 */
import { emitEvent } from "./events";
import { digits, hex, slackId } from "./ids";
import type { AuthCode, EmulatorState, Install, RefreshToken, Token, User } from "./state";

export const TOKEN_LIFETIME_S = 12 * 60 * 60;

export function issueToken(
  state: EmulatorState,
  o: Pick<Token, "kind" | "installKey" | "teamId" | "userId" | "scopes" | "oidc"> & { rotation: boolean },
): { token: Token; refresh?: RefreshToken } {
  const kind = o.kind === "bot" ? "xoxb" : "xoxp";
  const body = `${digits(12)}-${digits(13)}-${hex(24)}`;
  const token: Token = {
    token: o.rotation ? `xoxe.${kind}-1-${body}` : `${kind}-${body}`,
    kind: o.kind,
    installKey: o.installKey,
    teamId: o.teamId,
    userId: o.userId,
    scopes: o.scopes,
    oidc: o.oidc,
    revoked: false,
    ...(o.rotation ? { expiresAt: state.now(o.teamId) + TOKEN_LIFETIME_S * 1000 } : {}),
  };
  state.data.tokens[token.token] = token;
  if (!o.rotation) return { token };
  const refresh: RefreshToken = {
    token: `xoxe-1-${hex(64)}`,
    kind: o.kind,
    installKey: o.installKey,
    userId: o.userId,
    used: false,
  };
  state.data.refreshTokens[refresh.token] = refresh;
  return { token, refresh };
}

function botUserFor(state: EmulatorState, code: AuthCode, existing: Install | undefined): User {
  const found = state.user(existing?.botUserId);
  const org = code.enterpriseId ? state.data.enterprises[code.enterpriseId] : undefined;
  const teamIds = code.orgWide && org ? org.teamIds : [code.teamId];
  const bot: User = found ?? {
    id: slackId("U"),
    teamIds: [],
    key: state.app.botName,
    name: state.app.botName,
    realName: state.app.name,
    admin: false,
    owner: false,
    orgAdmin: false,
    deleted: false,
    bot: true,
    botId: slackId("B"),
    appId: state.app.appId,
    tz: "America/Los_Angeles",
    email: "",
  };
  for (const t of teamIds) if (!bot.teamIds.includes(t)) bot.teamIds.push(t);
  state.data.users[bot.id] = bot;
  return bot;
}

/** Exchanges an authorization code: installs (or reinstalls) the app and answers like oauth.v2.access. */
export function completeInstall(state: EmulatorState, code: AuthCode) {
  const key = code.orgWide && code.enterpriseId ? code.enterpriseId : code.teamId;
  const team = state.team(code.teamId);
  const rotation = team?.tokenRotation ?? false;
  const previous = state.data.installs[key];
  const existing = previous && !previous.uninstalled ? previous : undefined;
  const bot = botUserFor(state, code, previous);
  // Scopes add up across installs, as in Slack.
  const botScopes = [...new Set([...(existing?.botScopes ?? []), ...code.scopes])];
  const teamId = code.orgWide ? undefined : code.teamId;
  const live = existing?.botToken ? state.data.tokens[existing.botToken] : undefined;
  let botToken: Token;
  let botRefresh: RefreshToken | undefined;
  if (live && !live.revoked && !rotation) {
    botToken = live;
    botToken.scopes = botScopes;
  } else {
    ({ token: botToken, refresh: botRefresh } = issueToken(state, {
      kind: "bot",
      installKey: key,
      teamId,
      userId: bot.id,
      scopes: botScopes,
      rotation,
    }));
  }
  const user = code.userScopes.length
    ? issueToken(state, {
        kind: "user",
        installKey: key,
        teamId,
        userId: code.userId,
        scopes: code.userScopes,
        rotation,
      })
    : undefined;
  const channel = state.conversation(code.webhookChannelId);
  const webhookId = `${channel?.teamId ?? code.teamId}/${bot.botId}/${hex(24)}`;
  if (channel)
    state.data.webhooks[webhookId] = { id: webhookId, installKey: key, teamId: channel.teamId, channelId: channel.id };
  const install: Install = {
    key,
    teamId,
    enterpriseId: code.enterpriseId,
    isEnterpriseInstall: code.orgWide,
    appId: state.app.appId,
    botUserId: bot.id,
    botId: bot.botId ?? "",
    botToken: botToken.token,
    botScopes,
    botRefreshToken: botRefresh?.token ?? existing?.botRefreshToken,
    botTokenExpiresAt: botToken.expiresAt,
    installerUserId: code.userId,
    userToken: user?.token.token,
    userScopes: code.userScopes,
    userRefreshToken: user?.refresh?.token,
    userTokenExpiresAt: user?.token.expiresAt,
    incomingWebhook: channel
      ? {
          channel: `#${channel.name}`,
          channelId: channel.id,
          url: `${state.baseUrl}/services/${webhookId}`,
          configurationUrl: `${state.baseUrl}/services/${bot.botId}`,
        }
      : existing?.incomingWebhook,
    installedAt: existing?.installedAt ?? state.now(code.teamId),
    uninstalled: false,
  };
  state.data.installs[key] = install;
  const org = code.enterpriseId ? state.data.enterprises[code.enterpriseId] : undefined;
  const expiresIn = (t: Token) => (t.expiresAt ? Math.round((t.expiresAt - state.now(code.teamId)) / 1000) : undefined);
  return {
    access_token: botToken.token,
    token_type: "bot",
    scope: botScopes.join(","),
    bot_user_id: bot.id,
    app_id: state.app.appId,
    team: code.orgWide || !team ? null : { id: team.id, name: team.name },
    enterprise: org ? { id: org.id, name: org.name } : null,
    is_enterprise_install: code.orgWide,
    ...(botRefresh ? { refresh_token: botRefresh.token, expires_in: expiresIn(botToken) } : {}),
    authed_user: {
      id: code.userId,
      ...(user
        ? {
            scope: code.userScopes.join(","),
            access_token: user.token.token,
            token_type: "user",
            ...(user.refresh ? { refresh_token: user.refresh.token, expires_in: expiresIn(user.token) } : {}),
          }
        : {}),
    },
    ...(install.incomingWebhook && channel
      ? {
          incoming_webhook: {
            channel: install.incomingWebhook.channel,
            channel_id: install.incomingWebhook.channelId,
            configuration_url: install.incomingWebhook.configurationUrl,
            url: install.incomingWebhook.url,
          },
        }
      : {}),
  };
}

/** Revokes tokens and tells the app (tokens_revoked lists user ids, not tokens). */
export function revokeTokens(
  state: EmulatorState,
  install: Install,
  which: { bot?: boolean; userIds?: string[] },
  teamId: string,
): void {
  const revoked = { oauth: [] as string[], bot: [] as string[] };
  for (const t of Object.values(state.data.tokens)) {
    if (t.installKey !== install.key || t.revoked) continue;
    const hit = t.kind === "bot" ? which.bot : which.userIds?.includes(t.userId);
    if (!hit) continue;
    t.revoked = true;
    const list = t.kind === "bot" ? revoked.bot : revoked.oauth;
    if (!list.includes(t.userId)) list.push(t.userId);
  }
  for (const r of Object.values(state.data.refreshTokens)) {
    if (r.installKey === install.key && (r.kind === "bot" ? which.bot : which.userIds?.includes(r.userId)))
      r.used = true;
  }
  if (which.bot) install.botToken = undefined;
  if (which.userIds?.includes(install.installerUserId)) install.userToken = undefined;
  if (revoked.oauth.length || revoked.bot.length) {
    emitEvent(state, teamId, { type: "tokens_revoked", tokens: revoked }, { install });
  }
}

/** Removes the app: every token dies, the bot leaves its channels, the app is told (no set order). */
export function uninstall(state: EmulatorState, install: Install, teamId: string): void {
  const userIds = Object.values(state.data.tokens)
    .filter((t) => t.installKey === install.key && t.kind === "user")
    .map((t) => t.userId);
  revokeTokens(state, install, { bot: true, userIds }, teamId);
  install.uninstalled = true;
  emitEvent(state, teamId, { type: "app_uninstalled" }, { install });
  for (const c of Object.values(state.data.conversations)) {
    if (!c.isIm) c.members = c.members.filter((m) => m !== install.botUserId);
  }
}
