/** GET /slack/manifest and GET /healthz. */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BOT_EVENTS, BOT_SCOPES } from "../../src/slack/scopes";

const get = (path: string) => exports.default.fetch(`https://firebreak.test${path}`);
// biome-ignore lint/suspicious/noExplicitAny: the manifest is read field by field.
type Manifest = any;

describe("the app manifest", () => {
  it("describes this deployment: scopes, the command, events, interactivity and redirect URLs", async () => {
    const manifest = (await (await get("/slack/manifest")).json()) as Manifest;
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.redirect_urls).toEqual([
      "https://firebreak.test/slack/oauth_redirect",
      "https://firebreak.test/login/callback",
    ]);
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: "/incident",
        url: "https://firebreak.test/slack/events",
        should_escape: true,
      }),
    ]);
    expect(manifest.features.shortcuts[0]).toMatchObject({ type: "message", callback_id: "fb.add_to_timeline" });
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: "https://firebreak.test/slack/events",
      bot_events: [...BOT_EVENTS],
    });
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: "https://firebreak.test/slack/events",
    });
  });

  it("registers another command name on request, and ignores a malformed one", async () => {
    const renamed = (await (await get("/slack/manifest?command=/inc")).json()) as Manifest;
    expect(renamed.features.slash_commands[0].command).toBe("/inc");
    const bad = (await (await get("/slack/manifest?command=incident%3Cscript%3E")).json()) as Manifest;
    expect(bad.features.slash_commands[0].command).toBe("/incident");
  });
});

describe("healthz", () => {
  it("answers ok with the database's reachability and the dead-letter count", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: { ok: true }, deadLetters: expect.any(Number) });
  });
});
