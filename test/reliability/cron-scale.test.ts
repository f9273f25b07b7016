/**
 * The cron's reminder pass at scale: many workspaces with forgotten open incidents must not
 * push a query past D1's 100 bound parameters, and a minute where many reminders fall due at
 * once claims each of them once. Rows are written straight to D1: this is about the queries.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { claimDueReminders } from "../../src/jobs/due-reminders";
import { db } from "../support/world";

const WORKSPACES = 150;
const HOUR = 60 * 60 * 1000;

it("claims the due reminders of 150 workspaces, each once, even when two crons overlap", async () => {
  const now = Date.now();
  const stamp = crypto.randomUUID().slice(0, 8).toUpperCase();
  const teams = Array.from({ length: WORKSPACES }, (_, i) => `TSCALE${stamp}${i}`);
  const statements = teams.flatMap((team, i) => [
    env.DB.prepare(
      "INSERT INTO installations (team_id, app_id, bot_user_id, bot_token_enc, enabled) VALUES (?, 'A1', 'UBOT', 'sealed', ?)",
    ).bind(team, i % 10 === 9 ? 0 : 1),
    env.DB.prepare(
      `INSERT INTO incidents (team_id, number, title, severity, status, declared_by, declared_at, last_update_at,
        updated_at, open_state) VALUES (?, 1, 'Forgotten', ?, 'investigating', 'U1', ?, ?, ?, 'ready')`,
    ).bind(team, i % 2 ? "SEV1" : "SEV4", now - HOUR, now - HOUR, now - HOUR),
  ]);
  await env.DB.batch(statements);

  const teamsOf = (jobs: Awaited<ReturnType<typeof claimDueReminders>>) =>
    jobs.map((j) => ("teamId" in j ? (j.teamId ?? "") : "")).filter((t) => teams.includes(t));
  const [first, second] = await Promise.all([claimDueReminders(db, now), claimDueReminders(db, now)]);
  const claimed = [...teamsOf(first), ...teamsOf(second)];
  // SEV1 (every 15 min by default) is due; SEV4 has no reminders; every tenth workspace is off.
  const expected = teams.filter((_, i) => i % 2 === 1 && i % 10 !== 9);
  expect(claimed.sort()).toEqual([...expected].sort());
  expect(teamsOf(await claimDueReminders(db, now + 60_000))).toEqual([]);
});
