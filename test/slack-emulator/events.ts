/**
 * The Events API side: what Slack would send the app when something happens. Like Slack, an
 * event is only queued if the app subscribes to it, holds the scope it needs, and (for channel
 * events) its bot is in the channel. The driver delivers the outbox.
 */
import { epochSeconds, nextTs, slackId } from "./ids";
import type { Conversation, EmulatorState, Install } from "./state";
import type { EventEnvelope } from "./types";

/** The scope an event needs, if any. */
function scopeNeeded(type: string, c: Conversation | undefined): string | undefined {
  switch (type) {
    case "member_joined_channel":
    case "member_left_channel":
      return c?.isPrivate ? "groups:read" : "channels:read";
    case "reaction_added":
    case "reaction_removed":
      return "reactions:read";
    case "message":
      return c?.isIm ? "im:history" : c?.isPrivate ? "groups:history" : "channels:history";
    case "app_mention":
      return "app_mentions:read";
    default:
      return undefined;
  }
}

/** The subscription name: message events are subscribed per conversation type. */
function subscriptionName(type: string, c: Conversation | undefined): string {
  if (type !== "message") return type;
  return c?.isIm ? "message.im" : c?.isPrivate ? "message.groups" : "message.channels";
}

export function buildEnvelope(
  state: EmulatorState,
  teamId: string,
  install: Install | undefined,
  event: { type: string; [k: string]: unknown },
  eventId?: string,
): EventEnvelope {
  const team = state.team(teamId);
  const enterpriseId = team?.enterpriseId;
  const now = state.now(teamId);
  return {
    token: state.app.verificationToken,
    team_id: teamId,
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    context_team_id: teamId,
    context_enterprise_id: enterpriseId ?? null,
    api_app_id: state.app.appId,
    event: { event_ts: nextTs(now, undefined), ...event },
    type: "event_callback",
    event_id: eventId ?? slackId("Ev"),
    event_time: epochSeconds(now),
    authorizations: install
      ? [
          {
            enterprise_id: enterpriseId ?? null,
            team_id: install.isEnterpriseInstall ? null : teamId,
            user_id: install.botUserId,
            is_bot: true,
            is_enterprise_install: install.isEnterpriseInstall,
          },
        ]
      : [],
    is_ext_shared_channel: false,
    event_context: `4-${btoa(`${event.type}-${teamId}`)}`,
  };
}

/** Queues an event for the app if Slack would send it. Returns whether it was queued. */
export function emitEvent(
  state: EmulatorState,
  teamId: string,
  event: { type: string; [k: string]: unknown },
  o: { conversation?: Conversation; install?: Install } = {},
): boolean {
  const install = o.install ?? state.installFor(teamId);
  if (!install) return false;
  if (!state.app.botEvents.includes(subscriptionName(event.type, o.conversation))) return false;
  const scope = scopeNeeded(event.type, o.conversation);
  if (scope && !install.botScopes.includes(scope)) return false;
  if (o.conversation && !o.conversation.members.includes(install.botUserId)) return false;
  state.data.outbox.push({ teamId, envelope: buildEnvelope(state, teamId, install, event) });
  return true;
}

/** Adds people to a channel as Slack does: a channel_join message and member_joined_channel each. */
export function joinChannel(state: EmulatorState, c: Conversation, userIds: string[], inviter?: string): void {
  for (const userId of userIds) {
    if (c.members.includes(userId)) continue;
    c.members.push(userId);
    const user = state.user(userId);
    state.addMessage(c, {
      subtype: "channel_join",
      user: userId,
      text: `<@${userId}> has joined the channel`,
      ...(inviter && inviter !== userId ? { inviter } : {}),
      ...(user?.botId ? { bot_id: user.botId } : {}),
    });
    emitEvent(
      state,
      c.teamId,
      {
        type: "member_joined_channel",
        user: userId,
        channel: c.id,
        channel_type: c.isPrivate ? "G" : "C",
        team: c.teamId,
        ...(inviter && inviter !== userId ? { inviter } : {}),
        ...(state.team(c.teamId)?.enterpriseId ? { enterprise: state.team(c.teamId)?.enterpriseId } : {}),
      },
      { conversation: c },
    );
  }
}
