/** Declaring incidents the way a person does: the command, the modal, the submission. */
import { env } from "cloudflare:workers";
import type { SeededWorkspace } from "../slack-emulator/types";
import { driver, emulator, eventually } from "./world";

type Workspace = SeededWorkspace<string, string>;

export interface IncidentRow {
  id: number;
  number: number;
  title: string;
  severity: string;
  status: string;
  channel_id: string | null;
  channel_name: string | null;
  open_state: string;
  commander_id: string | null;
  comms_id: string | null;
  scribe_id: string | null;
  version: number;
  synced_version: number;
  announcement_channel_id: string | null;
  last_update_at: number;
  resolved_at: number | null;
}

export async function incident(teamId: string, number: number) {
  return env.DB.prepare("SELECT * FROM incidents WHERE team_id = ? AND number = ?")
    .bind(teamId, number)
    .first<IncidentRow>();
}

/** The modal on top of a person's stack, once it is there. */
export async function topModal(ws: Workspace, userId: string, callbackId?: string) {
  return eventually(`a modal for ${userId}`, async () => {
    const { stack } = await emulator.views(ws, userId);
    const top = stack[stack.length - 1];
    return top && (!callbackId || top.callback_id === callbackId) ? top : undefined;
  });
}

/** `/incident declare <title>` in `channel`, then the modal submitted with `values`. */
export async function declareViaSlack(
  ws: Workspace,
  o: {
    user?: string;
    channel?: string;
    title?: string;
    values?: Record<string, string | string[] | boolean>;
    /** Another driver (the fault test's, whose requests reach the worker with its own queues). */
    via?: typeof driver;
  } = {},
) {
  const slack = o.via ?? driver;
  const user = o.user ?? "alice";
  const userId = ws.users[user]?.id ?? user;
  const reply = await driver.command({
    team: ws,
    user,
    channel: o.channel ?? "general",
    text: `declare ${o.title ?? "Database down"}`,
  });
  if (reply.status !== 200) throw new Error(`declare answered ${reply.status}`);
  const modal = await topModal(ws, userId, "fb.declare_modal");
  const submitted = await slack.submitView({ team: ws, user, viewId: modal.id, values: o.values ?? {} });
  return { modal, submitted };
}

/** Waits for INC-n to be fully open: channel, summary, announcement. */
export async function whenReady(teamId: string, number: number, timeoutMs = 20_000) {
  return eventually(
    `INC-${number} ready`,
    async () => {
      const row = await incident(teamId, number);
      return row?.open_state === "ready" ? row : undefined;
    },
    timeoutMs,
  );
}

/** Waits until Slack shows the incident's current version (summary, topic, announcement pushed). */
export async function whenSynced(teamId: string, number: number, timeoutMs = 20_000) {
  return eventually(
    `INC-${number} synced`,
    async () => {
      const row = await incident(teamId, number);
      return row && row.open_state === "ready" && row.synced_version >= row.version ? row : undefined;
    },
    timeoutMs,
  );
}

/** The effect results Firebreak recorded for an incident (ts of its summary and announcement). */
export async function effect(key: string) {
  return (
    await env.DB.prepare("SELECT result FROM slack_effects WHERE key = ? AND state = 'done'")
      .bind(key)
      .first<{ result: string }>()
  )?.result;
}
