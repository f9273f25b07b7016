/**
 * What a listener knows about the request it is answering: who, where, which installation,
 * and a Slack client for the one or two calls a request may make (views.open, users.info).
 */
import type { SlackAppContext } from "slack-edge";
import { type Db, database } from "../db/client";
import type { InstallationRow } from "../installations/find-installation";
import { gateKeyOf } from "../jobs/workspace";
import { SlackClient } from "./client";

export interface RequestContext {
  env: Env;
  db: Db;
  teamId: string;
  enterpriseId?: string;
  userId: string;
  installation: InstallationRow;
  slack: SlackClient;
}

export function requestContext(env: Env, context: SlackAppContext): RequestContext {
  const installation = context.custom.installation as InstallationRow;
  return {
    env,
    db: database(env.DB),
    teamId: context.teamId ?? installation.teamId,
    enterpriseId: context.enterpriseId ?? (installation.enterpriseId || undefined),
    userId: context.userId ?? "",
    installation,
    slack: new SlackClient(env, context.botToken, gateKeyOf(installation)),
  };
}
