/** The incident domain against a real D1: numbering, rules, and a timeline entry per change. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { declareIncident, validateDeclare } from "../../src/incidents/declare";
import { incidentById, openIncidents, timelineOf } from "../../src/incidents/queries";
import { assignRole } from "../../src/incidents/roles";
import { setSeverity } from "../../src/incidents/severity";
import { resolveIncident, setStatus } from "../../src/incidents/status";
import { postUpdate } from "../../src/incidents/updates";

const db = database(env.DB);
let teams = 0;
const freshTeam = () => `TDOMAIN${++teams}${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

function declare(teamId: string, overrides: Partial<Parameters<typeof declareIncident>[1]> = {}) {
  return declareIncident(db, { teamId, title: "Database down", severity: "SEV2", declaredBy: "U0ALICE", ...overrides });
}

describe("declaring", () => {
  it("numbers 20 concurrent declares in one workspace 1 to 20, each with its declared entry", async () => {
    const team = freshTeam();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => declare(team, { title: `Outage ${i}` })));
    expect(results.map((r) => r.incident.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    for (const { incident } of results) {
      const timeline = await timelineOf(db, incident.id);
      expect(timeline.map((e) => e.kind)).toEqual(["declared"]);
    }
  });

  it("numbers each workspace on its own", async () => {
    const [a, b] = [freshTeam(), freshTeam()];
    await declare(a);
    await declare(a);
    expect((await declare(b)).incident.number).toBe(1);
    expect((await declare(a)).incident.number).toBe(3);
  });

  it("returns the same incident for a repeated submission of the same modal", async () => {
    const team = freshTeam();
    const first = await declare(team, { declareKey: "V123" });
    const again = await declare(team, { declareKey: "V123" });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.incident.id).toBe(first.incident.id);
    expect((await openIncidents(db, team)).length).toBe(1);
    expect((await timelineOf(db, first.incident.id)).length).toBe(1);
  });

  it("defaults the commander to the declarer and starts investigating", async () => {
    const { incident } = await declare(freshTeam());
    expect(incident).toMatchObject({
      commanderId: "U0ALICE",
      status: "investigating",
      severity: "SEV2",
      openState: "opening",
    });
  });

  it("refuses an empty or over-long title, and says why", async () => {
    expect(validateDeclare({ title: "  ", severity: "SEV1" }).title).toMatch(/title/);
    expect(validateDeclare({ title: "x".repeat(81), severity: "SEV1" }).title).toMatch(/80/);
    expect(validateDeclare({ title: "🔥".repeat(80), severity: "SEV1" })).toEqual({});
    await expect(declare(freshTeam(), { title: "" })).rejects.toThrow(/title/);
  });
});

describe("changing an incident", () => {
  it("moves status forward and back, records each change, and refuses a no-op", async () => {
    const { incident } = await declare(freshTeam());
    await setStatus(db, incident.id, "identified", "U0BOB");
    await setStatus(db, incident.id, "investigating", "U0BOB");
    await expect(setStatus(db, incident.id, "investigating", "U0BOB")).rejects.toThrow(/already Investigating/);
    const timeline = await timelineOf(db, incident.id);
    expect(timeline.map((e) => [e.kind, e.text])).toEqual([
      ["declared", "Declared as SEV2 · Major: Database down"],
      ["status", "Status changed from Investigating to Identified"],
      ["status", "Status changed from Identified to Investigating"],
    ]);
  });

  it("resolves with a summary and a duration, refuses to resolve twice, and reopens", async () => {
    const { incident } = await declare(freshTeam());
    const resolved = await resolveIncident(
      db,
      incident.id,
      "Failed over to the replica",
      "U0ALICE",
      incident.declaredAt + 83 * 60_000,
    );
    expect(resolved.incident).toMatchObject({ status: "resolved", resolution: "Failed over to the replica" });
    expect(resolved.event.text).toBe("Resolved after 1h 23m: Failed over to the replica");
    await expect(resolveIncident(db, incident.id, "", "U0ALICE")).rejects.toThrow(/already resolved/);
    const reopened = await setStatus(db, incident.id, "monitoring", "U0ALICE");
    expect(reopened.incident).toMatchObject({ status: "monitoring", resolvedAt: null });
    expect(reopened.event.kind).toBe("reopened");
  });

  it("changes severity and roles, refusing no-ops", async () => {
    const { incident } = await declare(freshTeam());
    await setSeverity(db, incident.id, "SEV1", "U0ALICE");
    await expect(setSeverity(db, incident.id, "SEV1", "U0ALICE")).rejects.toThrow(/already SEV1/);
    await assignRole(db, incident.id, "comms", "U0CAROL", "U0ALICE");
    await expect(assignRole(db, incident.id, "comms", "U0CAROL", "U0ALICE")).rejects.toThrow(/already/);
    const after = await incidentById(db, incident.id);
    expect(after).toMatchObject({ severity: "SEV1", commsId: "U0CAROL", version: 3 });
    const role = (await timelineOf(db, incident.id)).find((e) => e.kind === "role");
    expect(JSON.parse(role?.data ?? "{}")).toEqual({ role: "comms", from: null, to: "U0CAROL" });
  });

  it("keeps every concurrent change and its entry (no lost update)", async () => {
    const { incident } = await declare(freshTeam());
    await Promise.all([
      setSeverity(db, incident.id, "SEV1", "U1"),
      setStatus(db, incident.id, "identified", "U2"),
      assignRole(db, incident.id, "scribe", "U3", "U3"),
      postUpdate(db, incident.id, "Replica is catching up", "U4"),
      assignRole(db, incident.id, "comms", "U5", "U5"),
    ]);
    const after = await incidentById(db, incident.id);
    expect(after).toMatchObject({ severity: "SEV1", status: "identified", scribeId: "U3", commsId: "U5", version: 6 });
    expect((await timelineOf(db, incident.id)).length).toBe(6);
  });

  it("moves the reminder clock on an update, and refuses an empty one", async () => {
    const { incident } = await declare(freshTeam());
    const { incident: updated } = await postUpdate(
      db,
      incident.id,
      "Still looking",
      "U0BOB",
      incident.declaredAt + 60_000,
    );
    expect(updated.lastUpdateAt).toBe(incident.declaredAt + 60_000);
    await expect(postUpdate(db, incident.id, "   ", "U0BOB")).rejects.toThrow(/empty/);
  });
});
