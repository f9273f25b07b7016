/** The Worker: HTTP (Slack and the web app), the job queue and its dead letters, and the cron. */
import { app } from "./app";
import { consumeQueue } from "./jobs/consume-queue";
import type { Job } from "./jobs/job";
import { runScheduled } from "./jobs/scheduled";

export default {
  fetch: app.fetch,
  queue: consumeQueue,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env, Job>;
