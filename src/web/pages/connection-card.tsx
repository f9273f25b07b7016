/** The Connection card: workspace, bot, who authorized, token health, scopes, Reauthorize and Disconnect. */
import type { InstallationRow } from "../../installations/find-installation";
import { formatTime } from "../format-time";
import { connectionBadge } from "./settings-pages";
import type { SlackSettingsProps } from "./slack-settings-page";

function tokenHealth(installation: InstallationRow, tz?: string) {
  if (!installation.botTokenEnc)
    return {
      badge: <span class="badge err">Revoked: reinstall</span>,
      note: "Slack revoked Firebreak's token (the app was removed or its tokens revoked). Reinstall to continue.",
    };
  if (installation.tokenStatus === "refresh_failed") {
    return {
      badge: <span class="badge err">Refresh failed: reinstall</span>,
      note: "Slack no longer accepts Firebreak's refresh token. Reinstall before the current token expires.",
    };
  }
  if (installation.botTokenExpiresAt) {
    return {
      badge: <span class="badge ok">OK · rotating</span>,
      note: `Token rotation is on; the current token is renewed before ${formatTime(installation.botTokenExpiresAt, tz)}.`,
    };
  }
  return { badge: <span class="badge ok">OK</span>, note: "The bot token is valid and does not expire." };
}

export function Connection({
  installation,
  installerName,
  botName,
  canManage,
  user,
  tz,
}: SlackSettingsProps & { installation: InstallationRow }) {
  const health = tokenHealth(installation, tz);
  const scopes = installation.botScopes ? installation.botScopes.split(",") : [];
  return (
    <section class="card" aria-labelledby="connection">
      <div class="card-row">
        <h2 id="connection">Connection {connectionBadge(installation)}</h2>
      </div>
      <dl class="facts">
        <dt>Workspace</dt>
        <dd>{installation.teamName ?? installation.enterpriseName ?? installation.teamId}</dd>
        <dt>Bot user</dt>
        <dd>
          {botName ?? "Firebreak"} <span class="mono">({installation.botUserId ?? "unknown"})</span>
        </dd>
        <dt>Authorized by</dt>
        <dd>
          {installerName ?? installation.installerUserId ?? "unknown"} on{" "}
          {formatTime(installation.authorizedAt ?? installation.installedAt, tz)}
        </dd>
        <dt>Token health</dt>
        <dd>
          {health.badge} <span class="hint">{health.note}</span>
        </dd>
        <dt>Scopes</dt>
        <dd>
          <ul class="scopes" aria-label="Granted scopes">
            {scopes.map((s) => (
              <li>{s}</li>
            ))}
          </ul>
        </dd>
      </dl>
      {canManage && (
        <div class="actions">
          <a class="button" href="/slack/install">
            Reauthorize
          </a>
          <form method="post" action="/settings/messaging/slack/disconnect">
            <input type="hidden" name="csrf" value={user.csrf} />
            <button type="submit" class="danger">
              Disconnect
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
