/** Every action_id, callback_id and block_id Firebreak puts in Slack: named once, here. */

export const ACTION = {
  declare: "fb.declare",
  listOpen: "fb.list_open",
  help: "fb.help",
} as const;

export const SHORTCUT = {
  addToTimeline: "fb.add_to_timeline",
} as const;

export const VIEW = {} as const;

export const BLOCK = {} as const;
