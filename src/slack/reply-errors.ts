/** The Slack edge's half of error mapping: an AppError becomes a short ephemeral answer. */
import { asAppError } from "../errors";
import { logUnexpected } from "../lib/log";
import { type EphemeralMessage, ephemeral } from "./blocks/options-menu";

export function errorReply(err: unknown, where: string): EphemeralMessage {
  const error = asAppError(err);
  if (error.code === "internal") logUnexpected(where, err);
  return ephemeral(`:warning: ${error.message}`);
}
