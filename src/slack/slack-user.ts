/**
 * What Firebreak keeps of a Slack user (users.info), and who among them administers an
 * installation: a workspace's admins and owners, or for an org-wide install the org's.
 */
import type { UsersInfoResponse } from "slack-edge";
import type { slackUsers } from "../db/schema";

export type SlackUserRow = typeof slackUsers.$inferSelect;
type SlackUser = NonNullable<UsersInfoResponse["user"]>;

export function slackUserRow(teamId: string, userId: string, user: SlackUser, now: number): SlackUserRow {
  // A deactivated admin is nobody's admin.
  const active = user.deleted !== true;
  const org = user.enterprise_user;
  return {
    teamId,
    userId,
    name: user.profile?.display_name || user.real_name || user.name || userId,
    tz: user.tz ?? null,
    isAdmin: active && user.is_admin === true,
    isOwner: active && user.is_owner === true,
    isOrgAdmin: active && (org?.is_admin === true || org?.is_owner === true),
    fetchedAt: now,
  };
}

export function administers(user: SlackUserRow, installation: { isEnterpriseInstall: boolean }): boolean {
  return installation.isEnterpriseInstall ? user.isOrgAdmin : user.isAdmin || user.isOwner;
}
