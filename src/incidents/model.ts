/** The incident vocabulary: severities, statuses and roles, with the words people see. */

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const DEFAULT_SEVERITY: Severity = "SEV3";

export const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: "SEV1 · Critical",
  SEV2: "SEV2 · Major",
  SEV3: "SEV3 · Minor",
  SEV4: "SEV4 · Low",
};

/** In order: an incident moves forward through these, and may be reopened from resolved. */
export const STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export const ROLES = ["commander", "comms", "scribe"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  commander: "Commander",
  comms: "Communications lead",
  scribe: "Scribe",
};

/** What each role is for: sent to a person when they take it on. */
export const ROLE_DUTIES: Record<Role, string[]> = {
  commander: [
    "Own the response: decide, delegate, and keep people on one plan.",
    "Set severity and status as facts change.",
    "Post an update at least as often as the reminders ask.",
    "Resolve the incident when impact has ended.",
  ],
  comms: [
    "Keep stakeholders informed with clear, regular updates.",
    "Field questions so responders can focus.",
    "Draft the customer-facing message if one is needed.",
  ],
  scribe: [
    "Capture decisions, findings and actions on the timeline as they happen.",
    "Note who did what and when: the postmortem is written from it.",
  ],
};

export const TITLE_MAX_LENGTH = 80;

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** "INC-12": how an incident is named everywhere. */
export function incidentRef(number: number): string {
  return `INC-${number}`;
}
