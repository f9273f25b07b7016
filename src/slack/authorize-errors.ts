/** What a person sees when their workspace cannot be served: not installed, revoked, or off. */
import type { AuthorizeErrorHandler, Middleware } from "slack-edge";
import type { InstallationRow } from "../installations/find-installation";
import type { AuthorizeProblem } from "../installations/installation-store";
import { ephemeral } from "./blocks/options-menu";
import { appUrl, type SlackEnv } from "./slack-env";

const settingsUrl = (env: Env) => `${appUrl(env)}/settings`;

export function notInstalledText(env: Env): string {
  return `Firebreak isn't installed in this workspace yet. A workspace admin can install it from ${settingsUrl(env)}.`;
}

export function reinstallText(env: Env): string {
  return `Firebreak's access to this workspace was revoked, so it can't run incidents here. An admin can reinstall it from ${settingsUrl(env)}.`;
}

export function disabledText(env: Env): string {
  return `Firebreak is turned off for this workspace. An admin can turn it back on at ${settingsUrl(env)}.`;
}

/** Slash commands get an ephemeral explanation; everything else a plain 200 (Slack must not retry). */
export const answerAuthorizeError: AuthorizeErrorHandler<SlackEnv> = async ({ request }) => {
  const problem = request.context.custom.authorizeProblem as AuthorizeProblem | undefined;
  if (typeof request.body.command !== "string") return new Response(null, { status: 200 });
  const text = problem === "reinstall_required" ? reinstallText(request.env) : notInstalledText(request.env);
  return Response.json(ephemeral(text));
};

/** A workspace whose admin switched Firebreak off gets a short notice, and nothing happens. */
export const disabledWorkspaceGuard: Middleware<SlackEnv> = async (req) => {
  const installation = req.context.custom.installation as InstallationRow | undefined;
  if (!installation || installation.enabled) return;
  if (typeof req.body.command === "string") return { status: 200, body: ephemeral(disabledText(req.env)) };
  return { status: 200, body: "" };
};
