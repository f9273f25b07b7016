/** One handler per job type. */
import type { Job } from "./job";
import { done, type JobOutcome } from "./outcome";

export interface JobContext {
  env: Env;
  /** 1 on first delivery; Queues count retries and redeliveries. */
  attempts: number;
}

export async function runJob(job: Job, ctx: JobContext): Promise<JobOutcome> {
  switch (job.type) {
    case "slack_event":
      return done;
  }
}
