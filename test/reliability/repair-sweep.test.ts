/**
 * The cron's repair sweep: it re-queues what a lost job left undone, and nothing that could
 * only fail again (a job that died for good, a workspace turned off or without a token).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { declareIncident } from "../../src/incidents/declare";
import { setSeverity } from "../../src/incidents/severity";
import { repairSweep } from "../../src/jobs/repair-sweep";
import { db, installedCompany } from "../support/world";

const LATER = 5 * 60 * 1000;
const sweep = async (teamId: string) =>
  (await repairSweep(db, Date.now() + LATER)).filter((job) => "teamId" in job && job.teamId === teamId);
const setInstallation = (teamId: string, set: string) =>
  env.DB.prepare(`UPDATE installations SET ${set} WHERE team_id = ?`).bind(teamId).run();
const deadLetter = (type: string, body: object) =>
  env.DB.prepare(
    "INSERT INTO dead_letters (message_id, job_type, body, attempts, died_at, reason) VALUES (?, ?, ?, 1, ?, 'slack: is_archived')",
  )
    .bind(crypto.randomUUID(), type, JSON.stringify({ type, ...body }), Date.now())
    .run();

/** An incident recorded in D1 whose open job never reached the queue. */
const declaredWithoutJob = async (ws: Awaited<ReturnType<typeof installedCompany>>, title: string) =>
  (await declareIncident(db, { teamId: ws.team.id, title, severity: "SEV2", declaredBy: ws.users.alice.id })).incident;

describe("the repair sweep", () => {
  it("re-opens an incident whose job was lost, unless its workspace can't act or the job died", async () => {
    const ws = await installedCompany();
    const incident = await declaredWithoutJob(ws, "Lost job");
    expect(await sweep(ws.team.id)).toEqual([{ type: "incident_open", incidentId: incident.id, teamId: ws.team.id }]);

    await setInstallation(ws.team.id, "enabled = 0");
    expect(await sweep(ws.team.id)).toEqual([]);
    await setInstallation(ws.team.id, "enabled = 1");
    const token = await env.DB.prepare("SELECT bot_token_enc FROM installations WHERE team_id = ?")
      .bind(ws.team.id)
      .first<{ bot_token_enc: string }>();
    await setInstallation(ws.team.id, "bot_token_enc = NULL");
    expect(await sweep(ws.team.id)).toEqual([]);
    await env.DB.prepare("UPDATE installations SET bot_token_enc = ? WHERE team_id = ?")
      .bind(token?.bot_token_enc, ws.team.id)
      .run();
    expect(await sweep(ws.team.id)).toHaveLength(1);

    await deadLetter("incident_open", { incidentId: incident.id, teamId: ws.team.id });
    expect(await sweep(ws.team.id)).toEqual([]);
  });

  it("re-syncs and re-posts changes whose jobs were lost, but not those that died for good", async () => {
    const ws = await installedCompany();
    const incident = await declaredWithoutJob(ws, "Behind");
    await env.DB.prepare("UPDATE incidents SET open_state = 'ready', channel_id = 'C0SWEEP' WHERE id = ?")
      .bind(incident.id)
      .run();
    const { event } = await setSeverity(db, incident.id, "SEV1", ws.users.alice.id);
    const ref = { incidentId: incident.id, teamId: ws.team.id };
    expect(await sweep(ws.team.id)).toEqual([
      { type: "incident_sync", ...ref },
      { type: "incident_event", ...ref, eventId: event.id },
    ]);

    await deadLetter("incident_sync", ref);
    await deadLetter("incident_event", { ...ref, eventId: event.id });
    expect(await sweep(ws.team.id)).toEqual([]);
  });
});
