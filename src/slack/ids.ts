/** Every action_id, callback_id and block_id Firebreak puts in Slack: named once, here. */

export const ACTION = {
  declare: "fb.declare",
  listOpen: "fb.list_open",
  help: "fb.help",
  updateStatus: "fb.update_status",
  changeSeverity: "fb.change_severity",
  assignRole: "fb.assign_role",
  postUpdate: "fb.post_update",
  resolve: "fb.resolve",
  snooze: "fb.snooze",
  timelinePage: "fb.timeline_page",
} as const;

export const SHORTCUT = {
  addToTimeline: "fb.add_to_timeline",
} as const;

/** Modal callback ids. */
export const VIEW = {
  declare: "fb.declare_modal",
  status: "fb.status_modal",
  severity: "fb.severity_modal",
  role: "fb.role_modal",
  update: "fb.update_modal",
  resolve: "fb.resolve_modal",
} as const;

/** Input block ids; each input's action_id is the same string. */
export const INPUT = {
  title: "title",
  severity: "severity",
  summary: "summary",
  commander: "commander",
  private: "private",
  status: "status",
  role: "role",
  person: "person",
  update: "update",
  resolution: "resolution",
} as const;
