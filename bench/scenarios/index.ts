/** Every scenario `npm run bench` knows, in the order it runs them. Add new ones here. */
import { ack } from "./ack";
import { declare } from "./declare";
import type { Scenario } from "./types";

export const scenarios: Scenario[] = [ack, declare];
