/** Pure parts of the incident's memory: phases, reminders due, and the postmortem draft. */
import { describe, expect, it } from "vitest";
import type { Incident, IncidentEvent } from "../../src/incidents/incident";
import { severityHistory, statusPhases } from "../../src/incidents/phases";
import { postmortemMarkdown } from "../../src/incidents/postmortem";
import { DEFAULT_CADENCES, reminderDueAt } from "../../src/incidents/reminders";

const T0 = Date.UTC(2026, 11, 4, 12, 0);
const min = (n: number) => T0 + n * 60_000;

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    teamId: "T1",
    number: 4,
    title: "Database down",
    summary: "Primary is unreachable",
    severity: "SEV2",
    status: "resolved",
    isPrivate: false,
    declaredBy: "UALICE",
    commanderId: "UALICE",
    commsId: "UCAROL",
    scribeId: null,
    declaredAt: T0,
    resolvedAt: min(83),
    resolution: "Failed over to the replica",
    lastUpdateAt: min(40),
    updatedAt: min(83),
    declareKey: null,
    noticeUrl: null,
    openState: "ready",
    openError: null,
    channelId: "C1",
    channelName: "inc-4-database-down",
    announcementChannelId: "C0",
    version: 6,
    syncedVersion: 6,
    topic: null,
    enterpriseId: null,
    lastReminderAt: null,
    snoozedUntil: null,
    ...overrides,
  };
}

let nextId = 1;
function event(
  kind: string,
  at: number,
  data: object = {},
  text = kind,
  actorId: string | null = "UALICE",
): IncidentEvent {
  return {
    id: nextId++,
    incidentId: 1,
    kind,
    actorId,
    text,
    data: JSON.stringify(data),
    occurredAt: at,
    recordedAt: at,
    sourceKey: null,
  };
}

const events = [
  event("declared", T0, { severity: "SEV2", to: "UALICE" }, "Declared as SEV2 · Major: Database down"),
  event("severity", min(5), { from: "SEV2", to: "SEV1" }, "Severity changed from SEV2 to SEV1", "UBOB"),
  event(
    "status",
    min(10),
    { from: "investigating", to: "identified" },
    "Status changed from Investigating to Identified",
  ),
  event("update", min(40), {}, "Replica promoted; watching error rates"),
  event("status", min(41), { from: "identified", to: "monitoring" }, "Status changed from Identified to Monitoring"),
  event("severity", min(50), { from: "SEV1", to: "SEV2" }, "Severity changed from SEV1 to SEV2"),
  event(
    "resolved",
    min(83),
    { from: "monitoring", to: "resolved" },
    "Resolved after 1h 23m: Failed over to the replica",
  ),
];

describe("status phases", () => {
  it("splits the incident into phases with their real durations", () => {
    expect(statusPhases(incident(), events)).toEqual([
      { status: "investigating", start: T0, end: min(10) },
      { status: "identified", start: min(10), end: min(41) },
      { status: "monitoring", start: min(41), end: min(83) },
      { status: "resolved", start: min(83) },
    ]);
    expect(severityHistory(events).map((s) => s.severity)).toEqual(["SEV2", "SEV1", "SEV2"]);
  });
});

describe("reminders", () => {
  const open = incident({ status: "investigating", resolvedAt: null, severity: "SEV2", lastUpdateAt: T0 });
  it("is due one cadence after the last update, then one cadence after the last reminder", () => {
    expect(reminderDueAt(open, DEFAULT_CADENCES)).toBe(min(30));
    expect(reminderDueAt({ ...open, lastReminderAt: min(31) }, DEFAULT_CADENCES)).toBe(min(61));
    expect(reminderDueAt({ ...open, lastUpdateAt: min(45), lastReminderAt: min(31) }, DEFAULT_CADENCES)).toBe(min(75));
  });
  it("waits out a snooze, and never reminds resolved, opening or SEV4 incidents", () => {
    expect(reminderDueAt({ ...open, lastReminderAt: min(30), snoozedUntil: min(90) }, DEFAULT_CADENCES)).toBe(min(90));
    expect(reminderDueAt(incident(), DEFAULT_CADENCES)).toBeUndefined();
    expect(reminderDueAt({ ...open, openState: "opening" }, DEFAULT_CADENCES)).toBeUndefined();
    expect(reminderDueAt({ ...open, severity: "SEV4" }, DEFAULT_CADENCES)).toBeUndefined();
    expect(reminderDueAt(open, { ...DEFAULT_CADENCES, SEV2: 5 })).toBe(min(5));
  });
});

describe("postmortem draft", () => {
  const names: Record<string, string> = { UALICE: "Alice", UBOB: "Bob", UCAROL: "Carol" };
  const markdown = postmortemMarkdown({
    incident: incident(),
    events,
    nameOf: (id) => names[id] ?? id,
    channelName: "inc-4-database-down",
    generatedAt: min(90),
  });

  it("has every section, with the real durations", () => {
    for (const heading of [
      "# Postmortem draft: INC-4 · Database down",
      "## Summary",
      "## Impact",
      "## Severity history",
      "## Status phases",
      "## Roles",
      "## Timeline",
      "## Updates",
      "## Action items",
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain("| Duration | 1h 23m |");
    expect(markdown).toContain("| Severity | SEV2 (peak SEV1) |");
    expect(markdown).toContain("| Investigating | 2026-12-04 12:00 UTC | 10m |");
    expect(markdown).toContain("| Identified | 2026-12-04 12:10 UTC | 31m |");
    expect(markdown).toContain("| Monitoring | 2026-12-04 12:41 UTC | 42m |");
    expect(markdown).toContain("- Commander: Alice");
    expect(markdown).toContain("- Communications lead: Carol");
    expect(markdown).toContain("- Scribe: —");
    expect(markdown).toContain("- 2026-12-04 12:40 UTC, Alice: Replica promoted; watching error rates");
    expect(markdown).toContain("- 2026-12-04 12:05 UTC: SEV1 (by Bob)");
    expect(markdown).toMatch(/## Action items\n\n- \[ \] \n$/);
  });

  it("keeps a title with Markdown table characters from breaking the tables", () => {
    const odd = postmortemMarkdown({
      incident: incident({ title: "a | b\nc" }),
      events,
      nameOf: (id) => id,
      generatedAt: min(90),
    });
    expect(odd).toContain("# Postmortem draft: INC-4 · a \\| b c");
  });
});
