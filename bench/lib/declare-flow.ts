/**
 * One incident declared the way a person does it (as test/support/incidents.ts does in workerd):
 * `/incident declare <title>`, wait for the Declare modal, submit it, then wait until the
 * incident is ready, i.e. D1's incidents.open_state = 'ready' (set by the open job after the
 * summary is pinned and the announcement posted).
 *
 * Waiting is cheap on purpose (client, emulator and workerd share 2 cores): the modal and the
 * announcement are watched in the in-process emulator's state every 2 ms (no I/O), and D1 is
 * polled (inside workerd, see counted-d1.ts) only once the announcement is there, when the job
 * has a notice and one UPDATE left.
 */
import type { SeededWorkspace } from "../../test/slack-emulator/types";
import { benchQuery } from "./counted-d1";
import type { Delivery, Slack, timedDriver } from "./emulated-slack";

const POLL_MS = 2;
/** Without an announcement (none configured, or Slack refused it) D1 is polled slowly after this. */
const ANNOUNCE_GRACE_MS = 3000;

export interface DeclaredIncident {
  teamId: string;
  id: number;
  number: number;
  /** The `/incident declare` request and the modal's view_submission, as Slack saw them. */
  command: Delivery;
  submission: Delivery;
  /** Command sent → the modal open in Slack (views.open runs in the request's waitUntil). */
  modalMs: number;
  /** Epoch ms at which the watcher saw the announcement, and D1 first answered 'ready'. */
  announcedSeenAt?: number;
  readyAt: number;
}

export interface Declarer {
  slack: Slack;
  /** Firebreak's socket, for the bench's own D1 reads. */
  worker: URL;
  lane: ReturnType<typeof timedDriver>;
  ws: SeededWorkspace;
  user: string;
  commander: string;
  /** How long an incident may take to become ready before it counts as failed. */
  timeoutMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, deadline: number, check: () => T | undefined | Promise<T | undefined>) {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

export async function declareOne(d: Declarer, title: string): Promise<DeclaredIncident> {
  const { slack, lane, ws } = d;
  const teamId = ws.team.id;
  const userId = ws.users[d.user]?.id ?? d.user;
  const deadline = Date.now() + d.timeoutMs;
  const stack = () => slack.state.data.stacks[`${teamId}:${userId}`] ?? [];
  const before = new Set(stack());

  const reply = await lane.driver.command({ team: ws, user: d.user, channel: "general", text: `declare ${title}` });
  const command = lane.last;
  if (reply.status !== 200 || !command) throw new Error(`the declare command answered ${reply.status}`);
  const viewId = await until("the Declare modal", deadline, () =>
    stack().find((id) => !before.has(id) && slack.state.data.views[id]?.callback_id === "fb.declare_modal"),
  );
  const modalMs = Date.now() - command.sentAt;

  const submitted = await lane.driver.submitView({
    team: ws,
    user: d.user,
    viewId,
    values: {
      severity: "SEV2",
      commander: ws.users[d.commander]?.id ?? d.commander,
      summary: "Error rates are up on the checkout API; declared by the bench.",
    },
  });
  const submission = lane.last;
  if (submitted.status !== 200 || submitted.errors || submitted.problem || !submission || submission === command) {
    throw new Error(`the submission failed: ${JSON.stringify({ status: submitted.status, errors: submitted.errors })}`);
  }

  const [row] = await benchQuery<{ id: number; number: number }>(
    d.worker,
    "SELECT id, number FROM incidents WHERE team_id = ? AND declare_key = ?",
    [teamId, viewId],
  );
  if (!row) throw new Error(`no incident recorded for view ${viewId}`);

  const key = `incident:${row.id}:announce`;
  const announcements = slack.state.conversation(ws.channels.incidents?.id);
  const announcedSeenAt = await until("the announcement", Date.now() + ANNOUNCE_GRACE_MS, () => {
    const messages = announcements?.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i--) {
      if ((messages[i]?.metadata?.event_payload as { key?: string } | undefined)?.key === key) return Date.now();
    }
    return undefined;
  }).catch(() => undefined);

  const readyAt = await until("open_state = 'ready'", deadline, async () => {
    const [state] = await benchQuery<{ open_state: string }>(
      d.worker,
      "SELECT open_state FROM incidents WHERE id = ?",
      [row.id],
    );
    if (state?.open_state === "failed") throw new Error(`INC-${row.number} failed to open`);
    if (state?.open_state === "ready") return Date.now();
    if (announcedSeenAt === undefined) await sleep(50);
    return undefined;
  });
  return { teamId, id: row.id, number: row.number, command, submission, modalMs, announcedSeenAt, readyAt };
}
