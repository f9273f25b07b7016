/** Severity SEV1 (worst) to SEV4; changing it to what it already is, is refused. */
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { mutate } from "./apply-change";
import { severityOf } from "./incident";
import { incidentRef, type Severity } from "./model";

export async function setSeverity(db: Db, incidentId: number, to: Severity, actorId: string, now = Date.now()) {
  return mutate(
    db,
    incidentId,
    (incident) => {
      const from = severityOf(incident);
      if (from === to) throw new AppError("conflict", `${incidentRef(incident.number)} is already ${to}.`);
      return {
        patch: { severity: to },
        event: {
          kind: "severity",
          actorId,
          text: `Severity changed from ${from} to ${to}`,
          data: { from, to, severity: to },
        },
      };
    },
    now,
  );
}
