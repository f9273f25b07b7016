/**
 * The D1 InstallationStore is slack-edge's own interface: slack-edge's SlackApp, given our
 * authorize, finds the workspace's (decrypted) bot token, and refuses an unknown workspace.
 */
import { env } from "cloudflare:workers";
import { SlackApp, type SlackOAuthEnv } from "slack-edge";
import { describe, expect, it } from "vitest";
import { D1InstallationStore } from "../../src/installations/installation-store";
import { seedInstallation } from "../support/installations";
import { commandBody, signedRequest } from "../support/slack-request";

const slackEnv = { ...env, SLACK_BOT_SCOPES: "commands,chat:write" } as Env & SlackOAuthEnv;

function appWithOurStore() {
  const app = new SlackApp({ env: slackEnv, authorize: new D1InstallationStore(env).toAuthorize() });
  app.command("/incident", async ({ context }) => ({
    text: `${context.teamId}:${context.botUserId}:${context.botToken}`,
  }));
  return app;
}

describe("D1InstallationStore with slack-edge", () => {
  it("authorizes slack-edge's SlackApp with the stored, decrypted bot token", async () => {
    await seedInstallation({ teamId: "TSTORE1", botToken: "xoxb-store-1", botUserId: "U0STOREBOT" });
    const res = await appWithOurStore().run(await signedRequest(commandBody({ team_id: "TSTORE1" })));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toBe("TSTORE1:U0STOREBOT:xoxb-store-1");
  });

  it("finds, and deletes, installations through the interface", async () => {
    await seedInstallation({ teamId: "TSTORE2", botToken: "xoxb-store-2", installerUserId: "U0INSTALLER" });
    const store = new D1InstallationStore(env);
    expect((await store.findBotInstallation({ teamId: "TSTORE2" }))?.bot_token).toBe("xoxb-store-2");
    await store.deleteBotInstallation({ teamId: "TSTORE2" });
    expect(await store.findBotInstallation({ teamId: "TSTORE2" })).toBeUndefined();
    await expect(appWithOurStore().run(await signedRequest(commandBody({ team_id: "TSTORE2" })))).rejects.toThrow(
      /reinstall_required/,
    );
    await expect(appWithOurStore().run(await signedRequest(commandBody({ team_id: "TNOSUCH" })))).rejects.toThrow(
      /not_installed/,
    );
  });
});
