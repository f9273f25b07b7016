/**
 * POST /slack/events: every request Slack sends. The signature is checked on the raw bytes
 * before anything else; events go to the inbox and the queue; commands and interactivity go
 * to the Slack router. Bad input gets a 4xx, never a 5xx.
 */
import { Hono } from "hono";
import { database } from "../db/client";
import { AppError } from "../errors";
import { classifySlackRequest, formOf, isSslCheck } from "../slack/classify-request";
import { acceptEvent, wantsEvent } from "../slack/events-inbox";
import { readBodyWithLimit } from "../slack/read-body";
import { BOT_EVENTS } from "../slack/scopes";
import { slackRouter } from "../slack/slack-app";
import { verifySlackSignature } from "../slack/verify-signature";

const SUBSCRIBED: readonly string[] = BOT_EVENTS;

export const slackEvents = new Hono<{ Bindings: Env }>().post("/slack/events", async (c) => {
  const raw = await readBodyWithLimit(c.req.raw);
  const contentType = c.req.header("content-type") ?? null;
  const text = new TextDecoder().decode(raw);
  const form = formOf(contentType, text);
  if (isSslCheck(form)) return c.body(null, 200);
  if (!(await verifySlackSignature(c.env.SLACK_SIGNING_SECRET, c.req.raw.headers, raw))) {
    throw new AppError("invalid_signature", "The request's Slack signature is missing, stale or wrong.");
  }
  const request = classifySlackRequest(form, text);
  switch (request.kind) {
    case "url_verification":
      return c.json({ challenge: request.challenge });
    case "event": {
      const db = database(c.env.DB);
      // Not installed, or turned off: nothing is stored or queued (revocations excepted).
      if (SUBSCRIBED.includes(request.body.event.type) && (await wantsEvent(db, request.body))) {
        await acceptEvent(db, c.env, request.body);
      }
      return c.body(null, 200);
    }
    case "ignored":
      return c.body(null, 200);
    case "command":
    case "interactive":
      return slackRouter.handle(request, c.env, c.executionCtx);
  }
});
