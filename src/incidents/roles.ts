/** Roles: commander, comms, scribe; one person each. Giving a role to its holder is refused. */
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { mutate } from "./apply-change";
import { holderOf, type Incident } from "./incident";
import { incidentRef, ROLE_LABELS, type Role } from "./model";

const COLUMN: Record<Role, keyof Pick<Incident, "commanderId" | "commsId" | "scribeId">> = {
  commander: "commanderId",
  comms: "commsId",
  scribe: "scribeId",
};

export async function assignRole(
  db: Db,
  incidentId: number,
  role: Role,
  userId: string,
  actorId: string,
  now = Date.now(),
) {
  return mutate(
    db,
    incidentId,
    (incident) => {
      const from = holderOf(incident, role);
      if (from === userId) {
        throw new AppError(
          "conflict",
          `That person is already the ${ROLE_LABELS[role].toLowerCase()} of ${incidentRef(incident.number)}.`,
        );
      }
      return {
        patch: { [COLUMN[role]]: userId },
        event: { kind: "role", actorId, text: `${ROLE_LABELS[role]} assigned`, data: { role, from, to: userId } },
      };
    },
    now,
  );
}
