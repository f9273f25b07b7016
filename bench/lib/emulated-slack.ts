/**
 * Slack for the end-to-end scenarios: the emulator (test/slack-emulator) running in this
 * process, workspaces installed through Firebreak's real OAuth routes, and drivers that send
 * signed requests to Firebreak over real HTTP (Node fetch onto Miniflare), timing each answer.
 */
import { EmulatorClient } from "../../test/slack-emulator/control";
import { SlackDriver } from "../../test/slack-emulator/driver";
import { installViaOAuth } from "../../test/slack-emulator/install-flow";
import { startEmulator } from "../../test/slack-emulator/server";
import type { SeededWorkspace } from "../../test/slack-emulator/types";
import { exampleSecrets } from "./project";

/**
 * Firebreak's APP_URL. Requests to it are rewritten onto Miniflare's socket (whose port is only
 * known once it listens), so the OAuth redirect_uri and every link Firebreak builds stay stable.
 */
export const APP_URL = "https://firebreak.bench.invalid";

export type Slack = Awaited<ReturnType<typeof startSlack>>;

export async function startSlack() {
  const running = await startEmulator({ port: 0 });
  return { ...running, client: new EmulatorClient(running.url) };
}

/** A fetch onto `target` for requests addressed to APP_URL, as a browser or Slack would send them. */
export function routeTo(target: URL) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
    return fetch(new URL(url.pathname + url.search, target), {
      method: req.method,
      headers: req.headers,
      body,
      redirect: "manual",
    });
  };
}

/** A workspace of `people` (p0 … pN-1) in #general and #incidents, Firebreak installed by p0 announcing in #incidents. */
export async function installedWorkspace(
  slack: Slack,
  firebreak: (req: Request) => Promise<Response>,
  name: string,
  people: number,
) {
  const keys = Array.from({ length: people }, (_, i) => `p${i}`);
  const ws: SeededWorkspace = await slack.client.seedWorkspace({
    name,
    users: keys.map((key, i) => ({ key, admin: i === 0 })),
    channels: [
      { key: "general", name: "general", members: keys },
      { key: "incidents", name: "incidents", members: keys },
    ],
  });
  const { finalResponse, steps } = await installViaOAuth({
    firebreak,
    appUrl: APP_URL,
    slackUrl: slack.url,
    team: ws.team.id,
    user: "p0",
    channel: "#incidents",
  });
  if (finalResponse.status !== 302) throw new Error(`install into ${name} failed: ${JSON.stringify(steps)}`);
  return ws;
}

/** One request's answer as Slack's side saw it: when it was sent (epoch ms) and how long the answer took. */
export interface Delivery {
  path: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

/**
 * A driver whose every delivery is timed from the fetch to the last byte of the answer (the
 * ack Slack waits for). One per concurrent declarer, so `last` is always that declarer's request.
 */
export function timedDriver(slack: Slack, firebreak: (req: Request) => Promise<Response>) {
  const lane: { last?: Delivery; driver: SlackDriver } = {
    driver: new SlackDriver({
      slackUrl: slack.url,
      signingSecret: exampleSecrets().SLACK_SIGNING_SECRET ?? "",
      requestUrl: `${APP_URL}/slack/events`,
      deliver: async (req) => {
        const sentAt = Date.now();
        const started = performance.now();
        const res = await firebreak(req);
        const body = await res.arrayBuffer();
        lane.last = { path: new URL(req.url).pathname, sentAt, ackMs: performance.now() - started, status: res.status };
        return new Response(body, { status: res.status, headers: res.headers });
      },
    }),
  };
  return lane;
}
