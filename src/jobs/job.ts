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
  /** Who clicked Allow: they get the welcome, installer or not. */
  installedBy?: string;
}

/** Where an incident job acts: the incident's workspace (and its Grid org, to find the install). */
interface IncidentJobBase {
  incidentId: number;
  teamId: string;
  enterpriseId?: string;
}

/** Creates the channel, invites, pins the summary, sets the topic, announces, tells the declarer. */
export interface OpenIncidentJob extends IncidentJobBase {
  type: "incident_open";
}

/** Brings the pinned summary, the topic and the announcement up to the incident's current state. */
export interface SyncIncidentJob extends IncidentJobBase {
  type: "incident_sync";
}

/** Posts what one timeline entry needs posted: a change line, an update, a role's duties. */
export interface IncidentEventJob extends IncidentJobBase {
  type: "incident_event";
  eventId: number;
}

/** A reminder the cron claimed for `remindAt`: posted once, whoever delivers it. */
export interface ReminderJob extends IncidentJobBase {
  type: "incident_reminder";
  remindAt: number;
  cadenceMinutes: number;
}

/** Refreshes a rotating bot token hours before it expires (serialised per installation). */
export interface TokenRefreshJob {
  type: "token_refresh";
  installationId: number;
}

/** Adds a Slack message to an incident's timeline (the shortcut, or a 📌 reaction). */
export interface TimelineMessageJob extends IncidentJobBase {
  type: "timeline_message";
  channel: string;
  ts: string;
  actorId: string;
  /** Given by the shortcut's payload; a reaction only knows the ts, so the job reads the message. */
  message?: { text: string; authorId?: string };
  responseUrl?: string;
}

/** Writes (or rewrites) the postmortem draft and links it in the incident channel. */
export interface PostmortemJob extends IncidentJobBase {
  type: "postmortem";
  requestedBy: string;
  responseUrl?: string;
}

/** Republishes App Home for one person, or for everyone who has opened it in the workspace. */
export interface HomePublishJob {
  type: "home_publish";
  teamId: string;
  enterpriseId?: string;
  userId?: string;
}

/** Tells the installer their token can no longer be refreshed, while it still works. */
export interface ReinstallNoticeJob {
  type: "reinstall_notice";
  installationId: number;
}

export type Job =
  | ReinstallNoticeJob
  | TimelineMessageJob
  | PostmortemJob
  | HomePublishJob
  | SlackEventJob
  | InstallWelcomeJob
  | OpenIncidentJob
  | SyncIncidentJob
  | IncidentEventJob
  | ReminderJob
  | TokenRefreshJob;

export type JobType = Job["type"];

/** Puts a job on the queue (JSON, so the dead-letter consumer can record it as it was). */
export async function enqueue(env: Pick<Env, "JOBS">, job: Job, options: { delaySeconds?: number } = {}) {
  await env.JOBS.send(job, { contentType: "json", ...options });
}

/** The ids every incident job carries. */
export function incidentJobRef(
  incident: { id: number; teamId: string; enterpriseId: string | null },
  enterpriseId?: string,
) {
  const org = incident.enterpriseId ?? enterpriseId;
  return { incidentId: incident.id, teamId: incident.teamId, ...(org ? { enterpriseId: org } : {}) };
}
