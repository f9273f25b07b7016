/**
 * Every sub-command of the root slash command: its name, aliases, usage and one-line help.
 * The options menu, the parser and the help text all read this one table.
 */

export interface SubcommandSpec {
  name: SubcommandName;
  aliases: string[];
  /** Arguments as shown in help, e.g. "<1-4>". */
  usage: string;
  help: string;
  /** Channel-scoped commands act on the incident of the channel they are run in. */
  inIncidentChannel: boolean;
}

export type SubcommandName =
  | "declare"
  | "list"
  | "status"
  | "sev"
  | "role"
  | "update"
  | "note"
  | "timeline"
  | "resolve"
  | "postmortem"
  | "help";

export const SUBCOMMANDS: SubcommandSpec[] = [
  {
    name: "declare",
    aliases: ["new", "start"],
    usage: "[title]",
    help: "Declare a new incident",
    inIncidentChannel: false,
  },
  { name: "list", aliases: ["ls"], usage: "", help: "List open incidents", inIncidentChannel: false },
  {
    name: "status",
    aliases: [],
    usage: "<investigating|identified|monitoring|resolved>",
    help: "Set the incident's status",
    inIncidentChannel: true,
  },
  {
    name: "sev",
    aliases: ["severity"],
    usage: "<1-4>",
    help: "Set the severity (SEV1 is the worst)",
    inIncidentChannel: true,
  },
  {
    name: "role",
    aliases: ["lead"],
    usage: "<commander|comms|scribe> @person",
    help: "Assign a role (`lead @person` makes them commander)",
    inIncidentChannel: true,
  },
  {
    name: "update",
    aliases: [],
    usage: "<text>",
    help: "Post a status update here and in announcements",
    inIncidentChannel: true,
  },
  { name: "note", aliases: [], usage: "<text>", help: "Add an entry to the timeline", inIncidentChannel: true },
  { name: "timeline", aliases: [], usage: "", help: "Show the incident's timeline", inIncidentChannel: true },
  {
    name: "resolve",
    aliases: [],
    usage: "[summary]",
    help: "Resolve the incident and draft the postmortem",
    inIncidentChannel: true,
  },
  { name: "postmortem", aliases: [], usage: "", help: "Regenerate the postmortem draft", inIncidentChannel: true },
  { name: "help", aliases: [], usage: "", help: "Show these options", inIncidentChannel: false },
];

const BY_WORD = new Map<string, SubcommandSpec>();
for (const spec of SUBCOMMANDS) {
  BY_WORD.set(spec.name, spec);
  for (const alias of spec.aliases) BY_WORD.set(alias, spec);
}

/** The sub-command a word names (name or alias, any case), if any. */
export function findSubcommand(word: string): SubcommandSpec | undefined {
  return BY_WORD.get(word.toLowerCase());
}
