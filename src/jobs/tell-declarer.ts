/** When an incident job cannot do something: the declarer hears what, once, and what to do. */
import type { Db } from "../db/client";
import type { Incident } from "../incidents/incident";
import { failureNotice } from "../slack/blocks/incident-notices";
import { postToResponseUrl } from "../slack/response-url";
import { dmChannel } from "./direct-message";
import { once } from "./effects";
import { postOnce } from "./post-once";
import type { Workspace } from "./workspace";

/** Slack keeps a response_url for 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 29 * 60 * 1000;

export async function tellDeclarer(
  env: Env,
  db: Db,
  ws: Workspace,
  incident: Incident,
  problem: string,
  what: string,
  advice: string,
) {
  const message = failureNotice(incident, what, advice);
  const key = `incident:${incident.id}:problem:${problem}`;
  if (incident.noticeUrl && Date.now() - incident.declaredAt < RESPONSE_URL_LIFETIME_MS) {
    const url = incident.noticeUrl;
    const sent = await once(db, {
      key,
      teamId: ws.teamId,
      // A response_url that fails is no reason to fail the job: the DM below still tells them.
      perform: async () =>
        String(await postToResponseUrl(env, url, { response_type: "ephemeral", ...message }).catch(() => false)),
    });
    if (sent === "true") return;
  }
  const dm = await dmChannel(db, ws, incident.declaredBy);
  await postOnce(db, ws, `${key}:dm`, dm, message);
}
