/** What a person sees when their workspace cannot be served: not installed, revoked, or off. */
import type { InstallationRow } from "../installations/find-installation";
import { appUrl } from "./slack-env";

const settingsUrl = (env: Env) => `${appUrl(env)}/settings`;

export function notInstalledText(env: Env): string {
  return `Firebreak isn't installed in this workspace yet. A workspace admin can install it from ${settingsUrl(env)}.`;
}

export function reinstallText(env: Env): string {
  return `Firebreak's access to this workspace was revoked, so it can't run incidents here. An admin can reinstall it from ${settingsUrl(env)}.`;
}

export function disabledText(env: Env): string {
  return `Firebreak is turned off for this workspace. An admin can turn it back on at ${settingsUrl(env)}.`;
}

/** Why this workspace cannot be served right now, if it cannot. */
export function whyUnusable(env: Env, installation: InstallationRow | undefined): string | undefined {
  if (!installation) return notInstalledText(env);
  if (!installation.botTokenEnc || !installation.botUserId) return reinstallText(env);
  if (!installation.enabled) return disabledText(env);
  return undefined;
}
