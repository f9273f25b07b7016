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

/** The installation if it can serve the workspace right now, or what to tell the person. */
export function usable(
  env: Env,
  installation: InstallationRow | undefined,
): { installation: InstallationRow } | { refusal: string } {
  if (!installation) return { refusal: notInstalledText(env) };
  if (!installation.botTokenEnc || !installation.botUserId) return { refusal: reinstallText(env) };
  if (!installation.enabled) return { refusal: disabledText(env) };
  return { installation };
}
