/**
 * Declaring an incident. Its number is the workspace's next one, taken inside the insert
 * itself, so concurrent declares in one workspace get 1, 2, 3 … with no gaps or repeats; the
 * "declared" entry lands in the same batch. A second submission of the same modal (same
 * declare key) returns the incident it already made.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import { AppError } from "../errors";
import { type EventRow, eventStatement, toEvent } from "./apply-change";
import type { Incident, IncidentEvent } from "./incident";
import { isSeverity, SEVERITY_LABELS, type Severity, TITLE_MAX_LENGTH } from "./model";
import { incidentById } from "./queries";

export const SUMMARY_MAX_LENGTH = 2000;

export interface DeclareInput {
  teamId: string;
  enterpriseId?: string;
  title: string;
  summary?: string;
  severity: Severity;
  commanderId?: string | null;
  declaredBy: string;
  isPrivate?: boolean;
  /** Unique per workspace (e.g. the modal's view id): makes a repeated submission harmless. */
  declareKey?: string;
  noticeUrl?: string;
}

export interface Declared {
  incident: Incident;
  event?: IncidentEvent;
  /** False when this declare key had already made the incident. */
  created: boolean;
}

/** Field problems, keyed by field, for the modal to show; empty when the input is fine. */
export function validateDeclare(input: Pick<DeclareInput, "title" | "summary" | "severity">): Record<string, string> {
  const problems: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) problems.title = "Give the incident a short title.";
  else if ([...title].length > TITLE_MAX_LENGTH)
    problems.title = `Keep the title under ${TITLE_MAX_LENGTH} characters.`;
  if (!isSeverity(input.severity)) problems.severity = "Pick a severity from SEV1 to SEV4.";
  if ([...(input.summary ?? "")].length > SUMMARY_MAX_LENGTH) {
    problems.summary = `Keep the summary under ${SUMMARY_MAX_LENGTH} characters.`;
  }
  return problems;
}

export async function declareIncident(db: Db, input: DeclareInput, now = Date.now()): Promise<Declared> {
  const problems = validateDeclare(input);
  const first = Object.values(problems)[0];
  if (first) throw new AppError("bad_request", first);
  const title = input.title.trim();
  const commander = input.commanderId ?? input.declaredBy;

  const insert = db
    .insert(incidents)
    .values({
      teamId: input.teamId,
      enterpriseId: input.enterpriseId ?? null,
      number: sql`(SELECT COALESCE(MAX(number), 0) + 1 FROM incidents WHERE team_id = ${input.teamId})`,
      title,
      summary: (input.summary ?? "").trim(),
      severity: input.severity,
      status: "investigating",
      isPrivate: input.isPrivate ?? false,
      declaredBy: input.declaredBy,
      commanderId: commander,
      declaredAt: now,
      lastUpdateAt: now,
      updatedAt: now,
      declareKey: input.declareKey ?? null,
      noticeUrl: input.noticeUrl ?? null,
    })
    .onConflictDoNothing({ target: [incidents.teamId, incidents.declareKey] })
    .returning({ id: incidents.id })
    .toSQL();
  const entry = eventStatement(
    db,
    "last_insert_rowid",
    {
      kind: "declared",
      actorId: input.declaredBy,
      text: `Declared as ${SEVERITY_LABELS[input.severity]}: ${title}`,
      data: { severity: input.severity, to: commander },
    },
    now,
  );
  const [inserted, entries] = await db.$client.batch([db.$client.prepare(insert.sql).bind(...insert.params), entry]);
  const createdId = (inserted?.results as { id: number }[] | undefined)?.[0]?.id;
  if (createdId !== undefined) {
    const incident = await incidentById(db, createdId);
    const row = (entries?.results as EventRow[] | undefined)?.[0];
    if (!incident) throw new AppError("internal", "The incident could not be recorded.");
    return { incident, event: row ? toEvent(row) : undefined, created: true };
  }

  const [existing] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.teamId, input.teamId), eq(incidents.declareKey, input.declareKey ?? "")));
  if (!existing) throw new AppError("internal", "The incident could not be recorded.");
  return { incident: existing, created: false };
}
