/** Reading a submitted modal's inputs (each input's block_id and action_id are the same id). */
import type { ViewStateValue } from "slack-edge";

export type StateValues = Record<string, Record<string, ViewStateValue>>;

export function input(values: StateValues | undefined, id: string): ViewStateValue | undefined {
  return values?.[id]?.[id];
}
