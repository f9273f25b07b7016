/**
 * The Slack Web API client Firebreak uses everywhere: slack-edge's SlackAPIClient pointed at
 * SLACK_BASE_URL (slack-edge's own clients ignore it), with no in-process retry sleeps (jobs
 * retry through the queue), and a per-workspace Retry-After gate in front of every call.
 */
import { SlackAPIClient, SlackAPIConnectionError } from "slack-edge";
import { inLane } from "../lib/lanes";
import { closeGate, waitBeforeCalling } from "./rate-gate";
import { RateLimitedError, retryAfterOf } from "./slack-failure";

/** SLACK_BASE_URL's Web API root. */
export function apiBaseUrl(env: Pick<Env, "SLACK_BASE_URL">): string {
  return `${env.SLACK_BASE_URL.replace(/\/+$/, "")}/api/`;
}

export interface GateHooks {
  /** Called when Slack closes a gate, to persist it beyond this isolate. */
  onRateLimited?: (method: string, until: number) => Promise<void> | void;
}

export class SlackClient extends SlackAPIClient {
  constructor(
    env: Pick<Env, "SLACK_BASE_URL">,
    token: string | undefined,
    private readonly workspace: string,
    private readonly hooks: GateHooks = {},
  ) {
    super(token, { baseUrl: apiBaseUrl(env), retryHandlers: [], logLevel: "ERROR" });
  }

  // Every typed method (client.chat.postMessage …) is bound to `call`, so this sees them all.
  // biome-ignore lint/suspicious/noExplicitAny: mirrors SlackAPIClient.call's own signature.
  override async call(name: string, params: any = {}, state: any = undefined): Promise<any> {
    return inLane(`${this.workspace}|${name}`, async () => {
      try {
        return await this.gatedCall(name, params, state);
      } catch (err) {
        // Calls that are safe to repeat get one quick second try on a 5xx or a dropped connection.
        if (!IDEMPOTENT.has(name) || !isServerTrouble(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
        return this.gatedCall(name, params, state);
      }
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  private async gatedCall(name: string, params: any, state: any): Promise<any> {
    const wait = waitBeforeCalling(this.workspace, name);
    if (wait > 0) throw new RateLimitedError(name, Math.ceil(wait / 1000));
    try {
      return await super.call(name, params, state);
    } catch (err) {
      if (err instanceof SlackAPIConnectionError && err.status === 429) {
        const until = closeGate(this.workspace, name, retryAfterOf(err.headers));
        await this.hooks.onRateLimited?.(name, until);
      }
      throw err;
    }
  }
}

/** Methods whose repetition changes nothing a person can see. Posts and creates are not here. */
const IDEMPOTENT = new Set([
  "auth.test",
  "chat.getPermalink",
  "chat.update",
  "conversations.history",
  "conversations.info",
  "conversations.invite",
  "conversations.join",
  "conversations.list",
  "conversations.members",
  "conversations.open",
  "conversations.setTopic",
  "pins.add",
  "users.info",
  "views.publish",
]);

function isServerTrouble(err: unknown): boolean {
  return err instanceof SlackAPIConnectionError && (err.status >= 500 || err.status === -1);
}
