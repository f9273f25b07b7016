/**
 * Slack's side of the conversation: sends the app signed requests exactly as Slack does and
 * reports each synchronous reply back to the emulator (so seen() shows it, and view submissions
 * take effect). The emulator builds the payloads (it knows the workspace, mints trigger_ids and
 * response_urls); this only signs, delivers, times and retries. Runtime-agnostic (fetch, WebCrypto).
 */
import { signSlackBody } from "../../src/slack/verify-signature";
import { EmulatorClient, type TeamRef, teamIdOf } from "./control";
import type { EventEnvelope, Reply, SeenItem } from "./types";

export type { Reply } from "./types";

export interface DriverOptions {
  slackUrl: string;
  signingSecret: string;
  /** Hands a request to the app: `exports.default.fetch` in tests, `fetch` in dev. */
  deliver: (req: Request) => Promise<Response>;
  /** default https://firebreak.test/slack/events */
  requestUrl?: string;
  /** Slack's budget for a reply (default 3000 ms). */
  timeoutMs?: number;
  /** Waits before each event retry. Slack: immediately, 1 min, 5 min; default here [0, 50, 100]. */
  eventRetryDelaysMs?: number[];
}

type Built = {
  id?: string;
  contentType: string;
  body: string;
  payload?: unknown;
  clientErrors?: Record<string, string>;
};
type Where = { message: { channel: string; ts: string } } | { ephemeral: Pick<SeenItem, "id"> } | { view: string };
type Person = { team: TeamRef; user: string };
type Outcome = { errors?: Record<string, string>; problem?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const container = (w: Where) => ("ephemeral" in w ? { ephemeral: { id: w.ephemeral.id } } : w);
const SELECTS = [
  "static_select",
  "multi_static_select",
  "users_select",
  "multi_users_select",
  "conversations_select",
  "multi_conversations_select",
  "channels_select",
  "overflow",
  "radio_buttons",
  "checkboxes",
  "datepicker",
  "timepicker",
];

export class SlackDriver {
  readonly emulator: EmulatorClient;
  private readonly requestUrl: string;
  private readonly timeoutMs: number;
  private readonly retryDelays: number[];

  constructor(private readonly opts: DriverOptions) {
    this.emulator = new EmulatorClient(opts.slackUrl);
    this.requestUrl = opts.requestUrl ?? "https://firebreak.test/slack/events";
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.retryDelays = opts.eventRetryDelaysMs ?? [0, 50, 100];
  }

  /** A request signed like Slack's; `timestamp` (epoch s) lets tests sign stale or future ones. */
  async signedRequest(
    body: string,
    contentType: string,
    o: { timestamp?: number; headers?: Record<string, string> } = {},
  ) {
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = await signSlackBody(this.opts.signingSecret, timestamp, new TextEncoder().encode(body));
    return new Request(this.requestUrl, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
        "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        ...o.headers,
      },
      body,
    });
  }

  /** Delivers one request, waiting at most timeoutMs as Slack does. */
  async send(body: string, contentType: string, headers: Record<string, string> = {}): Promise<Reply> {
    const request = await this.signedRequest(body, contentType, { headers });
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), this.timeoutMs);
    });
    try {
      const res = await Promise.race([this.opts.deliver(request), timeout]);
      if (res === "timeout") return { status: 0, body: null, ms: Date.now() - started, timedOut: true };
      const text = await res.text();
      let parsed: unknown = text === "" ? null : text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return {
        status: res.status,
        body: parsed,
        ms: Date.now() - started,
        timedOut: false,
        headers: Object.fromEntries(res.headers),
      };
    } catch (err) {
      return { status: 0, body: String(err), ms: Date.now() - started, timedOut: false };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private async interact(kind: string, args: Record<string, unknown>): Promise<Reply & Outcome> {
    const built = await this.emulator.request<Built>("POST", `/interactions/${kind}`, args);
    if (built.clientErrors) return { status: 0, body: null, ms: 0, timedOut: false, errors: built.clientErrors };
    if (!built.body) return { status: 0, body: null, ms: 0, timedOut: false };
    const reply = await this.send(built.body, built.contentType);
    const outcome = await this.emulator.request<Outcome>("POST", `/interactions/${built.id}/result`, reply);
    return { ...reply, ...outcome };
  }

  /**
   * A slash command typed by `user` in `channel` (ids or names); default "/incident". The text
   * is what the person typed: it reaches the app escaped as Slack escapes it (see typed-text.ts).
   */
  command(a: Person & { channel: string; text?: string; command?: string }) {
    return this.interact("command", { ...a, team: teamIdOf(a.team) });
  }

  /** Clicks the button with this action_id (and value, if several share it) in a message, an ephemeral or a view. */
  clickButton(a: Person & { actionId: string; value?: string; blockId?: string; in: Where }) {
    return this.interact("block_actions", { ...a, team: teamIdOf(a.team), in: container(a.in), types: ["button"] });
  }

  /** Picks option value(s) / a user / a channel in a select, checkboxes, radio buttons, date or time picker. */
  selectOption(a: Person & { actionId: string; selected: string | string[]; blockId?: string; in: Where }) {
    return this.interact("block_actions", { ...a, team: teamIdOf(a.team), in: container(a.in), types: SELECTS });
  }

  /**
   * Submits the modal on top. `values` by action_id (or "block_id.action_id"): plain_text_input →
   * string, static_select → option value, users_select → user id, checkboxes → values (or true).
   * Missing required fields come back as `errors` with nothing sent, as in Slack's client.
   */
  submitView(a: Person & { viewId: string; values: Record<string, string | string[] | boolean> }) {
    return this.interact("view_submission", { ...a, team: teamIdOf(a.team) });
  }

  /** Closes the modal on top; the app hears of it only if the view set notify_on_close. */
  closeView(a: Person & { viewId: string }) {
    return this.interact("view_closed", { ...a, team: teamIdOf(a.team) });
  }

  messageShortcut(a: Person & { callbackId: string; channel: string; messageTs: string }) {
    return this.interact("message_action", { ...a, team: teamIdOf(a.team) });
  }

  /** Delivers an event_callback wrapped like Slack's, retrying like Slack. */
  async event(a: { team: TeamRef; event: { type: string; [k: string]: unknown }; eventId?: string }): Promise<Reply[]> {
    const envelope = await this.emulator.request<EventEnvelope>("POST", "/events/envelope", {
      ...a,
      teamId: teamIdOf(a.team),
    });
    return this.deliverEnvelope(envelope);
  }

  /**
   * Slack's retry policy: on a timeout or a non-2xx, up to 3 retries carrying X-Slack-Retry-Num
   * and X-Slack-Retry-Reason, unless the app answered X-Slack-No-Retry: 1.
   */
  async deliverEnvelope(envelope: EventEnvelope): Promise<Reply[]> {
    const body = JSON.stringify(envelope);
    const replies: Reply[] = [];
    let reason = "";
    for (let attempt = 0; attempt <= this.retryDelays.length; attempt++) {
      if (attempt > 0) await sleep(this.retryDelays[attempt - 1] ?? 0);
      const headers: Record<string, string> =
        attempt > 0 ? { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": reason } : {};
      const reply = await this.send(body, "application/json", headers);
      replies.push(reply);
      if (!reply.timedOut && reply.status >= 200 && reply.status < 300) break;
      if (reply.headers?.["x-slack-no-retry"] === "1") break;
      reason = reply.timedOut ? "http_timeout" : reply.status === 0 ? "connection_failed" : "http_error";
    }
    return replies;
  }

  /** Delivers the events people's actions queued (member_joined_channel, reaction_added, app_home_opened, …). */
  async deliverOutbox(teamId?: TeamRef): Promise<{ event: EventEnvelope; replies: Reply[] }[]> {
    const envelopes = await this.emulator.takeOutbox(teamId);
    const out: { event: EventEnvelope; replies: Reply[] }[] = [];
    for (const event of envelopes) out.push({ event, replies: await this.deliverEnvelope(event) });
    return out;
  }
}
