/**
 * The app the emulator hosts. Its subscriptions come from Firebreak's own manifest, so the
 * emulator sends exactly the events a real Slack app configured from that manifest would get.
 */
import { appManifest } from "../../src/slack/manifest";
import type { AppConfig } from "./state";

/** Firebreak's fixed app id in the emulator. */
export const EMULATED_APP_ID = "A0FIREBRK01";

export function appConfig(secrets: { clientId: string; clientSecret: string; signingSecret: string }): AppConfig {
  const manifest = appManifest("https://firebreak.test");
  return {
    appId: EMULATED_APP_ID,
    name: manifest.display_information.name,
    botName: manifest.features.bot_user.display_name.toLowerCase(),
    botEvents: manifest.settings.event_subscriptions.bot_events,
    verificationToken: "emulatorverificationtoken",
    ...secrets,
  };
}

/** KEY="value" lines of a .dev.vars file. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)="?(.*?)"?$/.exec(line.trim());
    if (match?.[1]) vars[match[1]] = match[2] ?? "";
  }
  return vars;
}
