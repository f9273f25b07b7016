/** The "Incident options" menu: what `/incident` and `/incident help` answer with. */
import type { MessageResponse } from "slack-edge";
import { SUBCOMMANDS } from "../commands/subcommands";
import { ACTION } from "../ids";
import { context, escapeMrkdwn, plain, section } from "./text";

export type EphemeralMessage = MessageResponse & { response_type: "ephemeral"; replace_original?: boolean };

const plainMenus = new Map<string, EphemeralMessage>();

/** The menu, optionally opened by a line saying what was not understood (the plain one is built once per command name). */
export function optionsMenu(command: string, problem?: string): EphemeralMessage {
  if (problem) return buildMenu(command, problem);
  let menu = plainMenus.get(command);
  if (!menu) {
    menu = Object.freeze(buildMenu(command)) as EphemeralMessage;
    if (plainMenus.size < 20) plainMenus.set(command, menu);
  }
  return menu;
}

function buildMenu(command: string, problem?: string): EphemeralMessage {
  const list = SUBCOMMANDS.map(
    (s) => `\`${command} ${s.name}${s.usage ? ` ${escapeMrkdwn(s.usage)}` : ""}\`  ${s.help}`,
  ).join("\n");
  return {
    response_type: "ephemeral",
    text: problem ? `${problem} Incident options: ${command} declare, list, help.` : "Incident options",
    blocks: [
      ...(problem ? [section(`:warning: ${problem}`)] : []),
      { type: "header", text: plain("Incident options") },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: ACTION.declare, text: plain("Declare incident"), style: "primary" },
          // The command's registered name rides along, so the answers name it as the person typed it.
          { type: "button", action_id: ACTION.listOpen, text: plain("Open incidents"), value: command },
          { type: "button", action_id: ACTION.help, text: plain("Help"), value: command },
        ],
      },
      section(list),
      context(`Run status, sev, role, update, note, timeline and resolve inside an incident's channel.`),
    ],
  };
}

/** A one-line ephemeral answer. */
export function ephemeral(text: string): EphemeralMessage {
  return { response_type: "ephemeral", text };
}
