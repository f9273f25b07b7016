/**
 * Block Kit validation: the limits Slack enforces most often (block counts, text lengths, labels,
 * unique ids), reported as Slack reports them, `[ERROR] … [json-pointer:/blocks/0/text]`.
 * Not the whole schema; enough that a message Slack would refuse is refused here too.
 */
import { hex } from "./ids";

type Obj = Record<string, unknown>;
type Surface = "message" | "modal" | "home";

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const len = (s: string) => [...s].length;

const BLOCK_TYPES: Record<Surface, string[]> = {
  message: [
    "section",
    "divider",
    "image",
    "actions",
    "context",
    "header",
    "input",
    "rich_text",
    "markdown",
    "video",
    "file",
  ],
  modal: ["section", "divider", "image", "actions", "context", "header", "input", "rich_text", "video"],
  home: ["section", "divider", "image", "actions", "context", "header", "input", "rich_text", "video"],
};
const INPUT_ELEMENTS = [
  "plain_text_input",
  "static_select",
  "multi_static_select",
  "users_select",
  "multi_users_select",
  "conversations_select",
  "multi_conversations_select",
  "channels_select",
  "multi_channels_select",
  "external_select",
  "checkboxes",
  "radio_buttons",
  "datepicker",
  "timepicker",
  "datetimepicker",
  "email_text_input",
  "url_text_input",
  "number_input",
  "rich_text_input",
];
/** Interactive elements for actions blocks and section accessories: no text inputs. */
const ACTION_ELEMENTS = [...INPUT_ELEMENTS.filter((t) => !t.endsWith("_input")), "button", "overflow"];

class Checker {
  readonly errors: string[] = [];
  fail(pointer: string, message: string) {
    this.errors.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }

  text(v: unknown, p: string, o: { max: number; plainOnly?: boolean; required?: boolean }) {
    if (v === undefined) {
      if (o.required) this.fail(p, "missing required field");
      return;
    }
    if (!isObj(v) || (v.type !== "plain_text" && v.type !== "mrkdwn")) return this.fail(p, "must be a text object");
    if (o.plainOnly && v.type !== "plain_text") return this.fail(`${p}/type`, "must be plain_text");
    if (typeof v.text !== "string" || len(v.text) === 0)
      return this.fail(`${p}/text`, "must be more than 0 characters");
    if (len(v.text) > o.max) this.fail(`${p}/text`, `must be less than ${o.max + 1} characters`);
  }

  maxString(v: unknown, p: string, max: number) {
    if (v === undefined) return;
    if (typeof v !== "string") return this.fail(p, "must be a string");
    if (len(v) > max) this.fail(p, `must be less than ${max + 1} characters`);
  }

  options(v: unknown, p: string, max: number, textMax: number) {
    if (!Array.isArray(v) || v.length === 0) return this.fail(p, "must provide at least 1 item");
    if (v.length > max) this.fail(p, `must provide no more than ${max} items`);
    for (const [i, opt] of v.entries()) {
      if (!isObj(opt)) {
        this.fail(`${p}/${i}`, "must be an object");
        continue;
      }
      this.text(opt.text, `${p}/${i}/text`, { max: textMax, required: true });
      this.maxString(opt.value, `${p}/${i}/value`, 150);
    }
  }

  element(e: unknown, p: string, allowed: string[], actionIds: Set<string>) {
    if (!isObj(e) || typeof e.type !== "string") return this.fail(p, "must be an element object");
    if (!allowed.includes(e.type) && e.type !== "image") return this.fail(`${p}/type`, `unsupported type: ${e.type}`);
    if (e.action_id !== undefined) {
      this.maxString(e.action_id, `${p}/action_id`, 255);
      // Slack: an action_id must be unique among the action_ids of its block.
      if (typeof e.action_id === "string" && actionIds.has(e.action_id)) {
        this.fail(`${p}/action_id`, `action_id ${e.action_id} already exists in this block`);
      }
      if (typeof e.action_id === "string") actionIds.add(e.action_id);
    }
    this.text(e.placeholder, `${p}/placeholder`, { max: 150, plainOnly: true });
    switch (e.type) {
      case "button":
        this.text(e.text, `${p}/text`, { max: 75, plainOnly: true, required: true });
        this.maxString(e.value, `${p}/value`, 2000);
        this.maxString(e.url, `${p}/url`, 3000);
        if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") {
          this.fail(`${p}/style`, "must be one of primary, danger");
        }
        break;
      case "static_select":
      case "multi_static_select":
        if (!e.option_groups) this.options(e.options, `${p}/options`, 100, 75);
        break;
      case "checkboxes":
      case "radio_buttons":
        this.options(e.options, `${p}/options`, 10, 150);
        break;
      case "overflow":
        this.options(e.options, `${p}/options`, 5, 75);
        break;
      case "plain_text_input":
        this.maxString(e.initial_value, `${p}/initial_value`, 3000);
        if (typeof e.max_length === "number" && e.max_length > 3000) this.fail(`${p}/max_length`, "must be <= 3000");
        break;
      case "image":
        if (typeof e.alt_text !== "string") this.fail(`${p}/alt_text`, "missing required field: alt_text");
        break;
    }
  }

  block(b: unknown, p: string, surface: Surface, blockIds: Set<string>) {
    if (!isObj(b) || typeof b.type !== "string") return this.fail(p, "must be a block object");
    if (!BLOCK_TYPES[surface].includes(b.type)) return this.fail(`${p}/type`, `unsupported type: ${b.type}`);
    if (b.block_id !== undefined) {
      this.maxString(b.block_id, `${p}/block_id`, 255);
      if (typeof b.block_id === "string" && blockIds.has(b.block_id)) {
        this.fail(`${p}/block_id`, `block_id ${b.block_id} already exists`);
      }
      if (typeof b.block_id === "string") blockIds.add(b.block_id);
    }
    const ids = new Set<string>();
    switch (b.type) {
      case "section":
        if (b.text === undefined && b.fields === undefined) this.fail(p, "must provide either text or fields");
        this.text(b.text, `${p}/text`, { max: 3000 });
        if (Array.isArray(b.fields)) {
          if (b.fields.length > 10) this.fail(`${p}/fields`, "must provide no more than 10 items");
          for (const [i, f] of b.fields.entries()) this.text(f, `${p}/fields/${i}`, { max: 2000, required: true });
        }
        if (b.accessory !== undefined) this.element(b.accessory, `${p}/accessory`, ACTION_ELEMENTS, ids);
        break;
      case "header":
        this.text(b.text, `${p}/text`, { max: 150, plainOnly: true, required: true });
        break;
      case "actions":
        if (!Array.isArray(b.elements) || b.elements.length === 0)
          return this.fail(`${p}/elements`, "must provide at least 1 item");
        if (b.elements.length > 25) this.fail(`${p}/elements`, "must provide no more than 25 items");
        for (const [i, e] of b.elements.entries()) this.element(e, `${p}/elements/${i}`, ACTION_ELEMENTS, ids);
        break;
      case "context":
        if (!Array.isArray(b.elements) || b.elements.length === 0)
          return this.fail(`${p}/elements`, "must provide at least 1 item");
        if (b.elements.length > 10) this.fail(`${p}/elements`, "must provide no more than 10 items");
        for (const [i, e] of b.elements.entries()) {
          if (isObj(e) && e.type === "image") this.element(e, `${p}/elements/${i}`, [], ids);
          else this.text(e, `${p}/elements/${i}`, { max: 3000, required: true });
        }
        break;
      case "input":
        this.text(b.label, `${p}/label`, { max: 2000, plainOnly: true, required: true });
        this.text(b.hint, `${p}/hint`, { max: 2000, plainOnly: true });
        if (b.element === undefined) this.fail(p, "missing required field: element");
        else this.element(b.element, `${p}/element`, INPUT_ELEMENTS, ids);
        break;
      case "image":
        if (typeof b.image_url !== "string" && !isObj(b.slack_file)) this.fail(p, "missing required field: image_url");
        if (typeof b.alt_text !== "string") this.fail(p, "missing required field: alt_text");
        break;
      case "markdown":
        if (typeof b.text !== "string" || len(b.text) === 0) this.fail(`${p}/text`, "must be more than 0 characters");
        break;
    }
  }
}

/** Errors for a blocks array on a surface; empty when Slack would accept it. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = "/blocks"): string[] {
  const c = new Checker();
  if (!Array.isArray(blocks)) {
    c.fail(pointer, "must be an array");
    return c.errors;
  }
  const max = surface === "message" ? 50 : 100;
  if (blocks.length > max) c.fail(pointer, `must provide no more than ${max} items`);
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) c.block(b, `${pointer}/${i}`, surface, ids);
  return c.errors;
}

/** Errors for a view (modal or App Home). */
export function validateView(view: unknown, expected: "modal" | "home"): string[] {
  const c = new Checker();
  if (!isObj(view)) {
    c.fail("/view", "must be an object");
    return c.errors;
  }
  if (view.type !== expected) c.fail("/view/type", `must be ${expected}`);
  if (expected === "modal") {
    c.text(view.title, "/view/title", { max: 24, plainOnly: true, required: true });
    c.text(view.submit, "/view/submit", { max: 24, plainOnly: true });
    c.text(view.close, "/view/close", { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === "input");
    if (hasInput && view.submit === undefined) c.fail("/view", "must provide submit when blocks contain input");
  }
  c.maxString(view.private_metadata, "/view/private_metadata", 3000);
  c.maxString(view.callback_id, "/view/callback_id", 255);
  c.maxString(view.external_id, "/view/external_id", 255);
  c.errors.push(...validateBlocks(view.blocks, expected, "/view/blocks"));
  return c.errors;
}

/**
 * Slack fills in a block_id for every block that has none (and an action_id for every element),
 * so payloads always carry them. Returns a copy; the caller's blocks are left alone.
 */
export function withIds<T>(blocks: T): T {
  if (!Array.isArray(blocks)) return blocks;
  const randomId = () => hex(5);
  return blocks.map((b) => {
    if (!isObj(b)) return b;
    const block: Obj = { ...b, block_id: typeof b.block_id === "string" ? b.block_id : randomId() };
    const fill = (e: unknown) =>
      isObj(e) && e.action_id === undefined && e.type !== "image" ? { ...e, action_id: randomId() } : e;
    if (Array.isArray(block.elements) && block.type === "actions") block.elements = block.elements.map(fill);
    if (block.element !== undefined) block.element = fill(block.element);
    if (block.accessory !== undefined) block.accessory = fill(block.accessory);
    return block;
  }) as T;
}
