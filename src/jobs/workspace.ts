/**
 * What a job needs to act in a workspace: its installation, a current bot token, and a Slack
 * client whose Retry-After gate is shared with every other job for the same workspace.
 */
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { findInstallation, type InstallationRow, type WorkspaceRef } from "../installations/find-installation";
import { usableBotToken } from "../installations/token-rotation";
import { SlackClient } from "../slack/client";
import { loadGates, persistGate } from "../slack/rate-gate";
import { slackCommand } from "../slack/slack-env";

export interface Workspace {
  installation: InstallationRow;
  /** The workspace (team) the job is about; for org-wide installs, one team of the org. */
  teamId: string;
  botUserId: string;
  slack: SlackClient;
  /** The slash command people type here, for messages that tell them what to type. */
  command: string;
}

export async function openWorkspace(env: Env, db: Db, ref: WorkspaceRef): Promise<Workspace> {
  const installation = await findInstallation(db, ref);
  if (!installation) throw new AppError("not_installed", "Firebreak is not installed in this workspace.");
  if (!installation.botTokenEnc || !installation.botUserId) {
    throw new AppError("reinstall_required", "Firebreak's access to this workspace was revoked.");
  }
  const gateKey = gateKeyOf(installation);
  await loadGates(db, gateKey);
  const token = await usableBotToken(env, db, installation);
  const slack = new SlackClient(env, token, gateKey, {
    onRateLimited: (method, until) => persistGate(db, gateKey, method, until),
  });
  return {
    installation,
    teamId: ref.teamId || installation.teamId,
    botUserId: installation.botUserId,
    slack,
    command: slackCommand(env),
  };
}

/** Slack rate-limits per app per workspace (per org for org-wide installs). */
export function gateKeyOf(installation: InstallationRow): string {
  return `${installation.enterpriseId}:${installation.teamId}`;
}
