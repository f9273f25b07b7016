/** auth.test, auth.revoke, team.info, users.info, users.list. */
import { revokeTokens } from "../installs";
import { type MethodSpec, needTeam, SlackError } from "./kit";
import { paginate, teamJson, userJson } from "./shapes";

export const authUserMethods: Record<string, MethodSpec> = {
  "auth.test": {
    tier: "special",
    run(ctx) {
      const { state, token } = ctx;
      const team = state.team(ctx.teamId);
      const user = state.user(token?.userId);
      const org = ctx.install?.enterpriseId ?? team?.enterpriseId;
      return {
        url: team ? `https://${team.domain}.slack.com/` : "",
        team: team?.name ?? state.data.enterprises[org ?? ""]?.name,
        user: user?.name,
        team_id: team?.id ?? "",
        user_id: user?.id,
        ...(token?.kind === "bot" ? { bot_id: user?.botId } : {}),
        ...(org ? { enterprise_id: org } : {}),
        is_enterprise_install: ctx.install?.isEnterpriseInstall ?? false,
      };
    },
  },
  "auth.revoke": {
    tier: 3,
    run(ctx) {
      const token = ctx.token;
      if (!token) throw new SlackError("invalid_auth");
      if (ctx.args.bool("test")) return { revoked: false };
      const install = ctx.state.data.installs[token.installKey];
      if (install && !token.oidc) {
        revokeTokens(
          ctx.state,
          install,
          token.kind === "bot" ? { bot: true } : { userIds: [token.userId] },
          ctx.teamId ?? install.key,
        );
      }
      token.revoked = true;
      return { revoked: true };
    },
  },
  "team.info": {
    tier: 3,
    scopes: ["team:read"],
    run(ctx) {
      const team = ctx.state.team(ctx.args.str("team") ?? needTeam(ctx));
      if (!team) throw new SlackError("team_not_found");
      return { team: teamJson(ctx.state, team) };
    },
  },
  "users.info": {
    tier: 4,
    scopes: ["users:read"],
    run(ctx) {
      const user = ctx.state.user(ctx.args.need("user", "user_not_found"));
      // People belong to the org: an org-wide token sees them without naming a workspace.
      const org = ctx.install?.enterpriseId;
      const teamId = ctx.teamId || user?.teamIds.find((t) => org && ctx.state.team(t)?.enterpriseId === org) || "";
      if (!teamId) needTeam(ctx);
      if (!user?.teamIds.includes(teamId)) throw new SlackError("user_not_found");
      const withEmail = ctx.token?.scopes.includes("users:read.email") ?? false;
      return { user: userJson(ctx.state, user, teamId, withEmail) };
    },
  },
  "users.list": {
    tier: 2,
    scopes: ["users:read"],
    run(ctx) {
      const teamId = needTeam(ctx);
      const withEmail = ctx.token?.scopes.includes("users:read.email") ?? false;
      const all = ctx.state.usersOf(teamId).map((u) => userJson(ctx.state, u, teamId, withEmail));
      const limit = ctx.args.int("limit", 0);
      const page = paginate(all, ctx.args.str("cursor"), limit > 0 ? Math.min(limit, 1000) : 1000);
      if (!page) throw new SlackError("invalid_cursor");
      return {
        members: page.page,
        cache_ts: Math.floor(ctx.state.now(teamId) / 1000),
        response_metadata: { next_cursor: page.next_cursor },
      };
    },
  },
};
