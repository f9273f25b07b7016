/**
 * Everything slow goes through the JOBS queue as one of these. Each `type` has one handler
 * (jobs/run-job.ts); every handler is idempotent, because Queues deliver at least once.
 */

/** A Slack event from the inbox, handled off the request path. */
export interface SlackEventJob {
  type: "slack_event";
  eventId: string;
  enterpriseId?: string;
  teamId?: string;
  event: { type: string; [key: string]: unknown };
}

/** Greets a new (or re-) installation: a DM to the installer, a notice in the chosen channel. */
export interface InstallWelcomeJob {
  type: "install_welcome";
  installationId: number;
  /** Distinguishes a reinstall's welcome from the first one's. */
  installedAt: number;
}

export type Job = SlackEventJob | InstallWelcomeJob;

export type JobType = Job["type"];

/** Puts a job on the queue (JSON, so the dead-letter consumer can record it as it was). */
export async function enqueue(env: Pick<Env, "JOBS">, job: Job, options: { delaySeconds?: number } = {}) {
  await env.JOBS.send(job, { contentType: "json", ...options });
}
