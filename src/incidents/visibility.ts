/**
 * Private incidents: what they are about is for the people on them. Everyone may see that one
 * exists (its number, severity, status, commander), so nobody declares a duplicate; its title,
 * summary and resolution are hidden from the rest.
 */
import type { Incident } from "./incident";

export const PRIVATE_TITLE = "Private incident";

/** Declarer and role holders, whom Firebreak itself put in the channel. */
export function isOnIncident(incident: Incident, userId: string | undefined): boolean {
  if (!userId) return false;
  return [incident.declaredBy, incident.commanderId, incident.commsId, incident.scribeId].includes(userId);
}

/** The incident as this person may see it in a list (undefined: as nobody in particular). */
export function asSeenBy(incident: Incident, userId?: string): Incident {
  if (!incident.isPrivate || isOnIncident(incident, userId)) return incident;
  return { ...incident, title: PRIVATE_TITLE, summary: "", resolution: null };
}
