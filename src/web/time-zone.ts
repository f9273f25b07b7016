/** The signed-in person's Slack time zone (users.info through the bot, when installed). */
import { database } from "../db/client";
import { findInstallation } from "../installations/find-installation";
import { namesFor } from "../jobs/user-names";
import { openWorkspace } from "../jobs/workspace";
import type { SlackIdentity } from "./oidc";

export async function rememberTimeZone(env: Env, identity: SlackIdentity): Promise<string | undefined> {
  const db = database(env.DB);
  const installation = await findInstallation(db, identity);
  if (!installation?.botTokenEnc) return undefined;
  try {
    const ws = await openWorkspace(env, db, identity);
    return (await namesFor(db, ws, [identity.userId])).get(identity.userId)?.tz ?? undefined;
  } catch {
    // Times then show in UTC, which the pages say.
    return undefined;
  }
}
