/** Slack's JSON shapes for conversations, users, teams and messages. */
import type { Conversation, EmulatorState, Team, User } from "../state";
import type { Message } from "../types";

export function conversationJson(state: EmulatorState, c: Conversation, viewerId?: string, numMembers = false) {
  if (c.isIm) {
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      user: c.imUser,
      is_user_deleted: state.user(c.imUser)?.deleted ?? false,
      priority: 0,
    };
  }
  return {
    id: c.id,
    name: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.isGeneral,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: c.teamId,
    updated: c.created * 1000,
    creator: c.creator,
    is_member: viewerId ? c.members.includes(viewerId) : false,
    topic: c.topic,
    purpose: c.purpose,
    previous_names: [],
    ...(numMembers ? { num_members: c.members.length } : {}),
  };
}

/** "GMT-07:00" → seconds east of UTC, for users.info's tz_offset. */
function tzOffsetSeconds(tz: string, atMs: number): number {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      .formatToParts(atMs)
      .find((p) => p.type === "timeZoneName")?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
    if (!m) return 0;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  } catch {
    return 0;
  }
}

export function userJson(state: EmulatorState, u: User, teamId: string, withEmail: boolean) {
  const enterpriseId = state.data.teams[teamId]?.enterpriseId;
  const org = enterpriseId ? state.data.enterprises[enterpriseId] : undefined;
  const profile = {
    real_name: u.realName,
    display_name: u.bot ? "" : u.name,
    real_name_normalized: u.realName,
    display_name_normalized: u.bot ? "" : u.name,
    ...(withEmail && !u.bot ? { email: u.email } : {}),
    image_48: `${state.baseUrl}/avatars/${u.id}_48.png`,
    image_72: `${state.baseUrl}/avatars/${u.id}_72.png`,
    ...(u.botId ? { bot_id: u.botId, api_app_id: u.appId, always_active: true } : {}),
    team: teamId,
  };
  return {
    id: u.id,
    team_id: teamId,
    name: u.name,
    deleted: u.deleted,
    color: "9f69e7",
    real_name: u.realName,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: tzOffsetSeconds(u.tz, state.now(teamId)),
    profile,
    is_admin: u.admin || u.owner,
    is_owner: u.owner,
    is_primary_owner: u.owner && state.usersOf(teamId).find((x) => x.owner) === u,
    ...(org
      ? {
          enterprise_user: {
            id: u.id,
            enterprise_id: org.id,
            enterprise_name: org.name,
            is_admin: u.orgAdmin,
            is_owner: false,
            teams: u.teamIds,
          },
        }
      : {}),
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.bot,
    is_app_user: false,
    ...(u.bot ? { is_workflow_bot: false } : {}),
    updated: Math.floor(state.now(teamId) / 1000),
    is_email_confirmed: !u.bot,
  };
}

export function teamJson(state: EmulatorState, t: Team) {
  const org = t.enterpriseId ? state.data.enterprises[t.enterpriseId] : undefined;
  return {
    id: t.id,
    name: t.name,
    url: `https://${t.domain}.slack.com/`,
    domain: t.domain,
    email_domain: "",
    icon: { image_default: true, image_34: `${state.baseUrl}/avatars/${t.id}_34.png` },
    avatar_base_url: `${state.baseUrl}/avatars/`,
    is_verified: false,
    ...(org ? { enterprise_id: org.id, enterprise_name: org.name, enterprise_domain: org.domain } : {}),
  };
}

/** A copy of a stored message, as the API returns it. */
export function messageJson(m: Message): Record<string, unknown> {
  return JSON.parse(JSON.stringify(m));
}

/** An opaque cursor for Slack's cursor pagination (`response_metadata.next_cursor`). */
export function paginate<T>(items: T[], cursor: string | undefined, limit: number) {
  let start = 0;
  if (cursor) {
    const m = /^offset:(\d+)$/.exec(atobSafe(cursor));
    if (!m) return undefined;
    start = Number(m[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? btoa(`offset:${start + limit}`) : "";
  return { page, next_cursor: next };
}

function atobSafe(s: string): string {
  try {
    return atob(s);
  } catch {
    return "";
  }
}
