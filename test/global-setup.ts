import type { TestProject } from "vitest/node";
import { startEmulator } from "./slack-emulator/server";

/** One Slack emulator for the whole run; tests keep apart by seeding their own workspaces. */
export default async function setup(project: TestProject) {
  const emulator = await startEmulator({ port: 0 });
  project.provide("slackUrl", emulator.url);
  return () => emulator.close();
}
