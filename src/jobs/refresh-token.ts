/** The cron's early token refresh, run on the queue like every other Slack call. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { REFRESH_AHEAD_MS, refreshBotToken } from "../installations/token-rotation";
import { done, type JobOutcome } from "./outcome";

export async function refreshAhead(env: Env, db: Db, installationId: number): Promise<JobOutcome> {
  const [row] = await db.select().from(installations).where(eq(installations.id, installationId));
  // Someone (a request, another job) refreshed it already: nothing to do.
  if (!row?.botRefreshTokenEnc || !row.botTokenExpiresAt || row.botTokenExpiresAt - Date.now() > REFRESH_AHEAD_MS)
    return done;
  await refreshBotToken(env, db, row);
  return done;
}
