/**
 * Checking that a person can take an incident role: in this workspace, active, and human.
 * It runs while Slack waits for our answer, so Slack gets 1.5 s to describe them: a slow Slack
 * makes the change fail cleanly (nothing changed, "try again") rather than miss the 3 s ack.
 */
import { SlackAPIError } from "slack-edge";
import { AppError } from "../errors";
import { withDeadline } from "../lib/deadline";
import type { RequestContext } from "./request-context";

const LOOKUP_MS = 1500;

export async function checkAssignable(ctx: RequestContext, userId: string): Promise<void> {
  let user:
    | { deleted?: boolean; is_bot?: boolean; team_id?: string; enterprise_user?: { enterprise_id?: string } }
    | undefined;
  try {
    user = (
      await withDeadline(
        ctx.slack().then((slack) => slack.users.info({ user: userId })),
        LOOKUP_MS,
      )
    ).user;
  } catch (err) {
    if (err instanceof SlackAPIError && (err.error === "user_not_found" || err.error === "user_not_visible")) {
      throw new AppError("bad_request", "I can't find that person in this workspace.");
    }
    throw new AppError("slack_error", "Slack didn't answer when I looked that person up. Please try again.", {
      cause: err,
    });
  }
  if (!user) throw new AppError("bad_request", "I can't find that person in this workspace.");
  if (user.deleted) throw new AppError("bad_request", "That person's account is deactivated.");
  if (user.is_bot) throw new AppError("bad_request", "Bots can't hold incident roles; pick a person.");
  const sameOrg = ctx.enterpriseId && user.enterprise_user?.enterprise_id === ctx.enterpriseId;
  if (user.team_id && user.team_id !== ctx.teamId && !sameOrg) {
    throw new AppError("bad_request", "That person isn't in this workspace.");
  }
}
