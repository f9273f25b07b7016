/**
 * The bot scopes Firebreak asks for: the least that product.md needs. The bot token does
 * everything; no user token is requested unless an operator sets SLACK_USER_SCOPES.
 */
export const BOT_SCOPES = [
  "commands", // the slash command and shortcuts
  "chat:write", // summaries, announcements, reminders, notices
  "channels:manage", // create public incident channels, set topics, invite
  "groups:write", // the same for private incidents
  "channels:read", // channel info and membership events in public channels
  "groups:read", // the same in private channels
  "channels:join", // join the announcement channel chosen at install
  "channels:history", // read a pinned (📌) message for the timeline
  "groups:history", // the same in private incident channels
  "im:history", // after a failed post, check our own DM before posting again
  "pins:write", // pin the live summary
  "bookmarks:write", // bookmark the postmortem in the channel
  "reactions:read", // the 📌 reaction adds a message to the timeline
  "users:read", // names, time zones, and who is an admin
  "im:write", // DMs: role duties, the installer's welcome
  "incoming-webhook", // the channel picked on Slack's install page
] as const;

/** Scopes for Sign in with Slack (the web settings pages). */
export const OIDC_SCOPES = ["openid", "profile", "email"] as const;

/** Events the app subscribes to. */
export const BOT_EVENTS = [
  "app_home_opened",
  "app_uninstalled",
  "tokens_revoked",
  "member_joined_channel",
  "reaction_added",
] as const;

/** The user scopes to request at install: none unless configured. */
export function userScopes(configured: string | undefined): string[] {
  return (configured ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
