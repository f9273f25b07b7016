/**
 * Telling Slack a token is done with (auth.revoke), best-effort: the caller deletes its copy
 * whether Slack answers or not, and a token Slack already forgot is no error.
 */
import { logUnexpected } from "../lib/log";
import { SlackClient } from "../slack/client";
import type { InstallationRow } from "./find-installation";
import { tokenCipher } from "./token-crypto";

export async function revokeAtSlack(env: Env, token: string | undefined): Promise<void> {
  if (!token) return;
  await new SlackClient(env, token, "revoke").auth.revoke().catch((err) => logUnexpected("auth.revoke", err));
}

/** Revokes the installation's bot token and, if there is one, its installer's user token. */
export async function revokeInstallation(env: Env, installation: InstallationRow): Promise<void> {
  const cipher = await tokenCipher(env);
  const open = async (sealed: string | null) => (sealed ? cipher.decrypt(sealed).catch(() => undefined) : undefined);
  const [bot, user] = await Promise.all([open(installation.botTokenEnc), open(installation.userTokenEnc)]);
  await Promise.all([revokeAtSlack(env, bot), revokeAtSlack(env, user)]);
}
