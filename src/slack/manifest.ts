/** The Slack app manifest for a deployment: paste it into api.slack.com/apps → Create New App. */

import { SHORTCUT } from "./ids";
import { BOT_EVENTS, BOT_SCOPES, OIDC_SCOPES } from "./scopes";

export function appManifest(baseUrl: string, command = "/incident") {
  const events = `${baseUrl}/slack/events`;
  return {
    display_information: {
      name: "Firebreak",
      description: "Incident response in Slack: declare, coordinate, resolve.",
      long_description:
        "Firebreak runs incidents from Slack. Declare one and it opens a channel, invites the right people, pins a live summary and announces it; set severity, status and roles, post updates, keep a timeline, get reminders, resolve, and get a postmortem draft.",
      background_color: "#7f1d1d",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: "Firebreak", always_online: true },
      slash_commands: [
        {
          command,
          url: events,
          description: "Run an incident: declare, list, status, sev, role, update, resolve",
          usage_hint: "[declare|list|status|sev|role|update|note|timeline|resolve|help]",
          should_escape: true,
        },
      ],
      shortcuts: [
        {
          name: "Add to timeline",
          type: "message",
          callback_id: SHORTCUT.addToTimeline,
          description: "Add this message to the incident's timeline",
        },
      ],
    },
    oauth_config: {
      redirect_urls: [`${baseUrl}/slack/oauth_redirect`, `${baseUrl}/login/callback`],
      scopes: { bot: [...BOT_SCOPES], user: [...OIDC_SCOPES] },
    },
    settings: {
      event_subscriptions: { request_url: events, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: true,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
