/**
 * `view.state.values` for a submission, from what the person "typed": values keyed by action_id
 * (or "block_id.action_id"), shaped per element type the way Slack shapes them. Slack's client
 * checks required fields and lengths before anything is sent; so does this.
 */
import { BadInteraction } from "./errors";

type Obj = Record<string, unknown>;
export type Typed = string | string[] | boolean;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function option(element: Obj, value: string): Obj {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const options = [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])),
  ];
  const found = options.find((o) => isObj(o) && o.value === value);
  if (!isObj(found)) {
    const values = options.map((o) => (isObj(o) ? o.value : "")).join(", ");
    throw new BadInteraction(`no option "${value}" in ${element.action_id} (options: ${values})`);
  }
  return { text: found.text, value: found.value };
}

const list = (v: Typed) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);

/** The state value of one element: typed value, else its initial value, else empty. */
function elementValue(element: Obj, typed: Typed | undefined): Obj {
  const type = String(element.type);
  const has = typed !== undefined;
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type, value: has ? String(typed) : ((element.initial_value as string) ?? null) };
    case "static_select":
    case "radio_buttons":
    case "external_select":
      return { type, selected_option: has ? option(element, String(typed)) : (element.initial_option ?? null) };
    case "multi_static_select":
      return {
        type,
        selected_options: has ? list(typed).map((v) => option(element, v)) : (element.initial_options ?? []),
      };
    case "checkboxes": {
      const first = Array.isArray(element.options) && isObj(element.options[0]) ? String(element.options[0].value) : "";
      const values = typed === true ? [first] : typed === false ? [] : has ? list(typed) : undefined;
      return {
        type,
        selected_options: values ? values.map((v) => option(element, v)) : (element.initial_options ?? []),
      };
    }
    case "users_select":
      return { type, selected_user: has ? String(typed) : (element.initial_user ?? null) };
    case "multi_users_select":
      return { type, selected_users: has ? list(typed) : (element.initial_users ?? []) };
    case "conversations_select":
      return { type, selected_conversation: has ? String(typed) : (element.initial_conversation ?? null) };
    case "multi_conversations_select":
      return { type, selected_conversations: has ? list(typed) : (element.initial_conversations ?? []) };
    case "channels_select":
      return { type, selected_channel: has ? String(typed) : (element.initial_channel ?? null) };
    case "datepicker":
      return { type, selected_date: has ? String(typed) : (element.initial_date ?? null) };
    case "timepicker":
      return { type, selected_time: has ? String(typed) : (element.initial_time ?? null) };
    default:
      return { type, value: has ? typed : null };
  }
}

function isEmpty(v: Obj): boolean {
  const [, value] = Object.entries(v).find(([k]) => k !== "type") ?? [];
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** state.values and the client-side errors Slack's UI would show instead of submitting. */
export function viewStateValues(blocks: Obj[], typed: Record<string, Typed>) {
  const values: Record<string, Record<string, Obj>> = {};
  const errors: Record<string, string> = {};
  const used = new Set<string>();
  for (const block of blocks) {
    if (block.type !== "input" || !isObj(block.element)) continue;
    const blockId = String(block.block_id);
    const actionId = String(block.element.action_id);
    const key = [`${blockId}.${actionId}`, actionId].find((k) => k in typed);
    if (key) used.add(key);
    const value = elementValue(block.element, key ? typed[key] : undefined);
    values[blockId] = { [actionId]: value };
    const max = block.element.max_length;
    const min = block.element.min_length;
    const text = typeof value.value === "string" ? [...value.value].length : undefined;
    if (block.optional !== true && isEmpty(value)) errors[blockId] = "Please complete this required field.";
    else if (text !== undefined && typeof max === "number" && text > max)
      errors[blockId] = `Please enter at most ${max} characters.`;
    else if (text !== undefined && typeof min === "number" && text < min && text > 0)
      errors[blockId] = `Please enter at least ${min} characters.`;
  }
  const unknown = Object.keys(typed).filter((k) => !used.has(k));
  if (unknown.length) {
    const inputs = blocks
      .filter((b) => b.type === "input" && isObj(b.element))
      .map((b) => `${b.block_id}.${(b.element as Obj).action_id}`);
    throw new BadInteraction(`no input for ${unknown.join(", ")} (inputs: ${inputs.join(", ")})`);
  }
  return { values, errors };
}
