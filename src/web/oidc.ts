/**
 * Sign in with Slack (OpenID Connect). The id_token comes straight from Slack's token
 * endpoint over TLS in exchange for our client secret, so (as OIDC allows for this flow) we
 * check its claims (audience, expiry, nonce) rather than its signature.
 */
import { AppError } from "../errors";
import { fromBase64Url } from "../lib/base64";
import { SlackClient } from "../slack/client";
import { OIDC_SCOPES } from "../slack/scopes";
import { classifySlackFailure } from "../slack/slack-failure";

export interface SlackIdentity {
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  userId: string;
  name: string;
  email?: string;
}

export function oidcAuthorizeUrl(env: Env, redirectUri: string, state: string, nonce: string): string {
  const url = new URL(`${env.SLACK_BASE_URL.replace(/\/+$/, "")}/openid/connect/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    scope: OIDC_SCOPES.join(" "),
    client_id: env.SLACK_CLIENT_ID,
    redirect_uri: redirectUri,
    state,
    nonce,
  }).toString();
  return url.toString();
}

export async function identityFromCode(
  env: Env,
  code: string,
  redirectUri: string,
  nonce: string,
): Promise<SlackIdentity> {
  let idToken: string | undefined;
  try {
    const answer = await new SlackClient(env, undefined, "oidc").openid.connect.token({
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri,
    });
    idToken = answer.id_token;
  } catch (err) {
    const failure = classifySlackFailure(err);
    const why = failure.kind === "rejected" ? ` (Slack said: ${failure.error})` : "";
    throw new AppError("slack_error", `Slack could not sign you in${why}. Please try again.`, { cause: err });
  }
  const claims = decodeJwtPayload(idToken);
  const now = Math.floor(Date.now() / 1000);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(env.SLACK_CLIENT_ID))
    throw new AppError("unauthorized", "That sign-in was meant for another app.");
  if (typeof claims.exp !== "number" || claims.exp < now - 60)
    throw new AppError("unauthorized", "That sign-in has expired. Please try again.");
  if (claims.nonce !== nonce)
    throw new AppError("unauthorized", "That sign-in did not start in this browser. Please try again.");
  const teamId = claims["https://slack.com/team_id"];
  const userId = claims["https://slack.com/user_id"];
  if (typeof teamId !== "string" || typeof userId !== "string") {
    throw new AppError("unauthorized", "Slack did not say which workspace you belong to.");
  }
  const enterpriseId = claims["https://slack.com/enterprise_id"];
  return {
    teamId,
    userId,
    teamName: String(claims["https://slack.com/team_name"] ?? teamId),
    enterpriseId: typeof enterpriseId === "string" && enterpriseId ? enterpriseId : undefined,
    name: String(claims.name ?? claims.given_name ?? userId),
    email: typeof claims.email === "string" ? claims.email : undefined,
  };
}

function decodeJwtPayload(token: string | undefined): Record<string, unknown> {
  const payload = token?.split(".")[1];
  if (!payload) throw new AppError("unauthorized", "Slack's answer had no identity in it.");
  try {
    return JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as Record<string, unknown>;
  } catch {
    throw new AppError("unauthorized", "Slack's identity token could not be read.");
  }
}
