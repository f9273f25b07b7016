/**
 * Status: investigating → identified → monitoring → resolved. Moving between open statuses is
 * allowed either way (a fix can regress); resolving records the duration and a summary;
 * a resolved incident can be reopened. Setting the status it already has is refused.
 */

import type { Db } from "../db/client";
import { AppError } from "../errors";
import { type Applied, mutate } from "./apply-change";
import { formatDuration } from "./duration";
import { statusOf } from "./incident";
import { incidentRef, STATUS_LABELS, type Status } from "./model";

export async function setStatus(db: Db, incidentId: number, to: Status, actorId: string, now = Date.now()) {
  if (to === "resolved") return resolveIncident(db, incidentId, "", actorId, now);
  return mutate(
    db,
    incidentId,
    (incident) => {
      const from = statusOf(incident);
      if (from === to) {
        throw new AppError("conflict", `${incidentRef(incident.number)} is already ${STATUS_LABELS[to]}.`);
      }
      if (from === "resolved") {
        return {
          patch: { status: to, resolvedAt: null, resolution: null },
          event: { kind: "reopened", actorId, text: `Reopened as ${STATUS_LABELS[to]}`, data: { from, to } },
        };
      }
      return {
        patch: { status: to },
        event: {
          kind: "status",
          actorId,
          text: `Status changed from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`,
          data: { from, to, status: to },
        },
      };
    },
    now,
  );
}

export async function resolveIncident(
  db: Db,
  incidentId: number,
  summary: string,
  actorId: string,
  now = Date.now(),
): Promise<Applied> {
  const resolution = summary.trim();
  return mutate(
    db,
    incidentId,
    (incident) => {
      if (incident.status === "resolved") {
        throw new AppError("conflict", `${incidentRef(incident.number)} is already resolved.`);
      }
      const took = formatDuration(now - incident.declaredAt);
      return {
        patch: { status: "resolved", resolvedAt: now, resolution },
        event: {
          kind: "resolved",
          actorId,
          text: resolution ? `Resolved after ${took}: ${resolution}` : `Resolved after ${took}`,
          data: { from: incident.status, to: "resolved", status: "resolved" },
        },
      };
    },
    now,
  );
}
