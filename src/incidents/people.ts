/** Everyone an incident names: its declarer and role holders, and who did what on its timeline. */
import { type Incident, type IncidentEvent, parseEventData } from "./incident";

export function peopleOf(incident: Incident, events: IncidentEvent[] = []): string[] {
  const ids = [incident.declaredBy, incident.commanderId, incident.commsId, incident.scribeId];
  for (const e of events) {
    ids.push(e.actorId);
    // Only a role change's `to` is a person; a status or severity change's is a value.
    if (e.kind === "role") ids.push(parseEventData(e).to ?? null);
  }
  return [...new Set(ids.filter((id): id is string => !!id))];
}
