/**
 * What a listener knows about the request it is answering: who, where, which installation,
 * and (only when asked for, since it decrypts the token) a Slack client for the one or two
 * calls a request may make: views.open, users.info.
 */
import type { Db } from "../db/client";
import type { InstallationRow } from "../installations/find-installation";
import { usableBotToken } from "../installations/token-rotation";
import { gateKeyOf } from "../jobs/workspace";
import { SlackClient } from "./client";

export interface RequestContext {
  env: Env;
  db: Db;
  teamId: string;
  enterpriseId?: string;
  userId: string;
  installation: InstallationRow;
  slack(): Promise<SlackClient>;
}

export function requestContext(
  env: Env,
  db: Db,
  installation: InstallationRow,
  who: { teamId: string; enterpriseId?: string; userId: string },
): RequestContext {
  let client: Promise<SlackClient> | undefined;
  return {
    env,
    db,
    installation,
    ...who,
    slack: () => {
      client ??= usableBotToken(env, db, installation).then(
        (token) => new SlackClient(env, token, gateKeyOf(installation)),
      );
      return client;
    },
  };
}
