/**
 * Opening a modal with a trigger_id, which lives 3 seconds and works once: called from the
 * request's lazy half (waitUntil), never from the queue. If Slack refuses, the person hears why.
 */
import type { ModalView } from "slack-edge";
import { logUnexpected } from "../lib/log";
import type { RequestContext } from "./request-context";
import { postToResponseUrl } from "./response-url";
import { classifySlackFailure } from "./slack-failure";

export async function openModal(ctx: RequestContext, triggerId: string, view: ModalView, responseUrl?: string) {
  try {
    await (await ctx.slack()).views.open({ trigger_id: triggerId, view });
  } catch (err) {
    const failure = classifySlackFailure(err);
    if (failure.kind === "other") logUnexpected("views.open", err);
    const why =
      failure.kind === "rejected" && failure.error === "expired_trigger_id"
        ? "Slack took too long to open the form."
        : failure.kind === "rate_limited"
          ? "Slack is rate limiting us for a moment."
          : "Slack didn't open the form.";
    if (responseUrl) {
      await postToResponseUrl(ctx.env, responseUrl, {
        response_type: "ephemeral",
        text: `:warning: ${why} Please try again.`,
      }).catch((e) => logUnexpected("response_url", e));
    }
  }
}
