/** Settings → Messaging → Slack: connect, see the connection, and tune how incidents run. */
import type { SEVERITIES } from "../../incidents/model";
import type { InstallationRow } from "../../installations/find-installation";
import type { ChannelOption } from "../channel-options";
import { Layout, type LayoutProps } from "../layout";
import { Connection } from "./connection-card";
import { ServiceAccountAdvice } from "./service-account-advice";
import { SettingsFormCard } from "./settings-form-card";

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
  /** The bot user's name as Slack shows it (an operator may have renamed the app's bot). */
  botName?: string;
  banner?: { tone: "ok" | "err" | "info"; text: string };
  errors?: Record<string, string>;
  form: SettingsForm;
  /** The slash command people type (SLACK_COMMAND). */
  command: string;
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

function Connect({ user, errors, command }: Pick<SlackSettingsProps, "user" | "errors" | "command">) {
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
            {errors?.enabled ?? `Firebreak answers ${command} in your workspace while this is on.`}
          </span>
        </div>
        <button type="submit" class="primary">
          Authorize Slack
        </button>
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
