import { AppError } from "../errors";
import type { InstallationRow } from "./find-installation";
import { tokenCipher } from "./token-crypto";

/** The installation's bot token in the clear, for one call to Slack; never stored or logged. */
export async function botTokenOf(env: Env, installation: InstallationRow): Promise<string> {
  if (!installation.botTokenEnc) {
    throw new AppError(
      "reinstall_required",
      "Firebreak's access to this workspace was revoked. Reinstall it from the settings page.",
    );
  }
  return (await tokenCipher(env)).decrypt(installation.botTokenEnc);
}
