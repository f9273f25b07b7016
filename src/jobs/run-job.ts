/** One handler per job type; failures become an ack or a retry in one place. */
import { database } from "../db/client";
import { outcomeOfFailure } from "./failure-outcome";
import { postIncidentEvent } from "./incident-event";
import { welcomeInstallation } from "./install-welcome";
import type { Job } from "./job";
import { openIncident } from "./open-incident";
import { done, failed, type JobOutcome } from "./outcome";
import { publishHome } from "./publish-home";
import { refreshAhead } from "./refresh-token";
import { sendReinstallNotice } from "./reinstall-notice";
import { sendReminder } from "./send-reminder";
import { handleSlackEvent } from "./slack-event";
import { syncIncident } from "./sync-incident";
import { addTimelineMessage } from "./timeline-message";
import { openWorkspace } from "./workspace";
import { writePostmortem } from "./write-postmortem";

export interface JobContext {
  env: Env;
  /** 1 on first delivery; Queues count retries and redeliveries. */
  attempts: number;
}

export async function runJob(job: Job, { env, attempts }: JobContext): Promise<JobOutcome> {
  const db = database(env.DB);
  try {
    switch (job.type) {
      case "slack_event":
        return await handleSlackEvent(env, db, job);
      case "install_welcome":
        return await welcomeInstallation(env, db, job);
      case "incident_open":
        return await openIncident(env, db, job);
      case "incident_sync": {
        const ws = await openWorkspace(env, db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
        await syncIncident(env, db, ws, job.incidentId);
        return done;
      }
      case "incident_event":
        return await postIncidentEvent(env, db, job, attempts);
      case "incident_reminder":
        return await sendReminder(env, db, job);
      case "reinstall_notice":
        return await sendReinstallNotice(env, db, job.installationId);
      case "token_refresh":
        return await refreshAhead(env, db, job.installationId);
      case "timeline_message":
        return await addTimelineMessage(env, db, job);
      case "postmortem":
        return await writePostmortem(env, db, job);
      case "home_publish":
        return await publishHome(env, db, job);
      default:
        return failed(`unknown job type ${(job as { type?: unknown }).type}`);
    }
  } catch (err) {
    const outcome = outcomeOfFailure(err, attempts);
    if (outcome) return outcome;
    throw err;
  }
}
