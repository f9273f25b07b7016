/** Settings → Messaging → Slack: connect, see the connection, and tune how incidents run. */

import { SEVERITIES } from "../../incidents/model";
import type { InstallationRow } from "../../installations/find-installation";
import type { ChannelOption } from "../channel-options";
import { formatTime } from "../format-time";
import { Layout, type LayoutProps } from "../layout";
import { connectionBadge } from "./settings-pages";

export interface SettingsForm {
  enabled: boolean;
  announcementChannelId: string;
  reminders: Record<(typeof SEVERITIES)[number], number>;
  channelPrefix: string;
}

export interface SlackSettingsProps {
  user: NonNullable<LayoutProps["user"]>;
  tz?: string;
  installation?: InstallationRow;
  canManage: boolean;
  channels?: ChannelOption[];
  installerName?: string;
  banner?: { tone: "ok" | "err" | "info"; text: string };
  errors?: Record<string, string>;
  form: SettingsForm;
}

export function formFromInstallation(installation: InstallationRow | undefined): SettingsForm {
  return {
    enabled: installation?.enabled ?? false,
    announcementChannelId: installation?.announcementChannelId ?? installation?.incomingWebhookChannelId ?? "",
    reminders: {
      SEV1: installation?.reminderSev1Minutes ?? 15,
      SEV2: installation?.reminderSev2Minutes ?? 30,
      SEV3: installation?.reminderSev3Minutes ?? 60,
      SEV4: installation?.reminderSev4Minutes ?? 0,
    },
    channelPrefix: installation?.channelPrefix ?? "inc",
  };
}

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

function ServiceAccountAdvice() {
  return (
    <aside class="service-account card" aria-labelledby="service-account">
      <h3 id="service-account">Best practice: authorize with a service account</h3>
      <p>
        In production, authorize Firebreak from a Slack account that belongs to no one person, with a name nobody will
        mistake for a colleague (for example “Incident Bot Admin”). Firebreak is then owned by that account, and:
      </p>
      <ul>
        <li>the integration keeps working when the person who set it up leaves the workspace;</li>
        <li>no person appears to be present in incidents they never joined.</li>
      </ul>
      <p class="hint">
        The account must be able to sign in to Firebreak (so it needs an email inbox). It does not need to be a Slack
        admin; a full member can install Firebreak.
      </p>
    </aside>
  );
}

function Connect({ user, errors }: Pick<SlackSettingsProps, "user" | "errors">) {
  return (
    <section class="card" aria-labelledby="connect">
      <h2 id="connect">Connect Slack</h2>
      <p>
        Turn on Slack, then authorize Firebreak: on Slack's page you pick the workspace and the channel where incidents
        are announced.
      </p>
      <form method="post" action="/settings/messaging/slack/connect">
        <input type="hidden" name="csrf" value={user.csrf} />
        <div class="field">
          {/* The switches are native checkboxes with role="switch": their checked state is the switch's. */}
          <label class="switch" for="enable-slack">
            <input
              type="checkbox"
              role="switch"
              id="enable-slack"
              name="enabled"
              value="on"
              aria-describedby="enable-hint"
            />
            Enable Slack
          </label>
          <span id="enable-hint" class="hint">
            {errors?.enabled ?? "Firebreak answers /incident in your workspace while this is on."}
          </span>
        </div>
        <button type="submit" class="primary">
          Authorize Slack
        </button>
      </form>
    </section>
  );
}

function Connection({
  installation,
  installerName,
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
        <dd class="mono">@firebreak ({installation.botUserId ?? "unknown"})</dd>
        <dt>Authorized by</dt>
        <dd>
          {installerName ?? installation.installerUserId ?? "unknown"} on {formatTime(installation.updatedAt, tz)}
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

function SettingsFormCard({ canManage, channels, form, errors, user }: SlackSettingsProps) {
  const error = (field: string) =>
    errors?.[field] ? (
      <span class="hint" id={`${field}-error`} role="alert" style="color:var(--err)">
        {errors[field]}
      </span>
    ) : null;
  return (
    <section class="card" aria-labelledby="how">
      <h2 id="how">How incidents run</h2>
      {!canManage && (
        <p class="banner info">
          Only this workspace's admins, owners or the person who installed Firebreak can change these.
        </p>
      )}
      <form method="post" action="/settings/messaging/slack">
        <input type="hidden" name="csrf" value={user.csrf} />
        <fieldset disabled={!canManage} style="border:0;padding:0;margin:0">
          <div class="field">
            <label class="switch" for="enabled">
              <input type="checkbox" role="switch" id="enabled" name="enabled" value="on" checked={form.enabled} />
              Enable Slack
            </label>
            <span class="hint">When off, /incident only answers that Firebreak is turned off.</span>
          </div>
          <div class="field">
            <label for="announcement">Announcement channel</label>
            {channels ? (
              <select id="announcement" name="announcement_channel" aria-describedby="announcement-hint">
                {channels.map((ch) => (
                  <option value={ch.id} selected={ch.id === form.announcementChannelId}>
                    {ch.isPrivate ? "🔒 " : "#"}
                    {ch.name}
                  </option>
                ))}
              </select>
            ) : (
              <input type="text" id="announcement" name="announcement_channel" value={form.announcementChannelId} />
            )}
            <span class="hint" id="announcement-hint">
              {channels
                ? "Every new incident is announced here. Firebreak must be a member of the channel."
                : "Slack's channel list could not be loaded; enter a channel id."}
            </span>
            {error("announcement_channel")}
          </div>
          <fieldset class="field" style="border:0;padding:0">
            <legend class="label">Reminder cadence</legend>
            <span class="hint">Minutes without an update before the commander is reminded; 0 turns reminders off.</span>
            <div class="inline">
              {SEVERITIES.map((sev) => (
                <div class="field">
                  <label for={`reminder-${sev}`}>{sev}</label>
                  <input
                    type="number"
                    id={`reminder-${sev}`}
                    name={`reminder_${sev.toLowerCase()}`}
                    min="0"
                    max="1440"
                    value={String(form.reminders[sev])}
                    style="width:6rem"
                  />
                </div>
              ))}
            </div>
            {error("reminders")}
          </fieldset>
          <div class="field">
            <label for="prefix">Channel name prefix</label>
            <input
              type="text"
              id="prefix"
              name="channel_prefix"
              value={form.channelPrefix}
              maxlength={20}
              style="width:10rem"
            />
            <span class="hint">Incident channels are named like {form.channelPrefix || "inc"}-12-database-down.</span>
            {error("channel_prefix")}
          </div>
          <button type="submit" class="primary">
            Save
          </button>
        </fieldset>
      </form>
    </section>
  );
}

export function SlackSettingsPage(props: SlackSettingsProps) {
  const { installation, banner, user } = props;
  return (
    <Layout title="Slack settings" user={user}>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <a href="/settings">Settings</a> › <a href="/settings/messaging">Messaging</a> › Slack
      </nav>
      <h1>Slack</h1>
      <p class="lede">
        Firebreak runs incidents in Slack: one slash command, a channel per incident, a pinned live summary.
      </p>
      {banner && (
        <p class={`banner ${banner.tone}`} role={banner.tone === "err" ? "alert" : "status"}>
          {banner.text}
        </p>
      )}
      {installation?.botTokenEnc ? (
        <>
          <Connection {...props} installation={installation} />
          <SettingsFormCard {...props} />
        </>
      ) : (
        <>
          {installation && (
            <p class="banner err" role="alert">
              Firebreak's access to {installation.teamName ?? "this workspace"} was revoked. Its incident history is
              kept; authorize again to continue.
            </p>
          )}
          <Connect {...props} />
        </>
      )}
      <ServiceAccountAdvice />
    </Layout>
  );
}
