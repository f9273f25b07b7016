/**
 * Installation rows for tests that are about the request edge, not the install flow (those
 * install through the emulator's OAuth pages instead).
 */
import { env } from "cloudflare:workers";
import { database } from "../../src/db/client";
import { type InstallationRecord, saveInstallation } from "../../src/installations/save-installation";
import { tokenCipher } from "../../src/installations/token-crypto";
import { BOT_SCOPES } from "../../src/slack/scopes";

export async function seedInstallation(overrides: Partial<InstallationRecord> & { teamId: string }) {
  return saveInstallation(database(env.DB), await tokenCipher(env), {
    teamName: "Acme",
    isEnterpriseInstall: false,
    appId: "A0FIREBREAK",
    botId: "B0BOT",
    botUserId: "U0BOT",
    botToken: `xoxb-${overrides.teamId}-seeded`,
    botScopes: [...BOT_SCOPES],
    userScopes: [],
    installerUserId: "U0ALICE",
    ...overrides,
  });
}
