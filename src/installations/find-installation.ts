import { and, desc, eq, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { installations } from "../db/schema";

export type InstallationRow = typeof installations.$inferSelect;

/** Where a request or job comes from: a workspace, possibly inside an Enterprise Grid org. */
export interface WorkspaceRef {
  enterpriseId?: string | null;
  teamId?: string | null;
}

/**
 * The installation serving a workspace: its own, or else its org's org-wide install.
 * One query: the team's row sorts before the org row (team_id '').
 */
export async function findInstallation(db: Db, ref: WorkspaceRef): Promise<InstallationRow | undefined> {
  const enterpriseId = ref.enterpriseId ?? "";
  const teamId = ref.teamId ?? "";
  const own = and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, teamId));
  const orgWide = and(
    eq(installations.enterpriseId, enterpriseId),
    eq(installations.teamId, ""),
    eq(installations.isEnterpriseInstall, true),
  );
  const where = enterpriseId && teamId ? or(own, orgWide) : own;
  const [row] = await db.select().from(installations).where(where).orderBy(desc(installations.teamId)).limit(1);
  return row;
}
