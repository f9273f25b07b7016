/** The bot's DM channel with a person, opened once and remembered. */
import type { Db } from "../db/client";
import { once } from "./effects";
import type { Workspace } from "./workspace";

export function dmChannel(db: Db, ws: Workspace, userId: string): Promise<string> {
  return once(db, {
    key: `im:${ws.teamId}:${userId}`,
    teamId: ws.teamId,
    perform: async () => (await ws.slack.conversations.open({ users: userId, ...orgScope(ws) })).channel?.id ?? "",
  });
}

/** An org-wide token must name the workspace of the org a call is about. */
export function orgScope(ws: Workspace): { team_id?: string } {
  return ws.installation.isEnterpriseInstall ? { team_id: ws.teamId } : {};
}
