/** The consent pages and the browser-style flows through them (against a stand-in app, not Firebreak). */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES } from "../../src/slack/scopes";
import { installViaOAuth, signInViaOIDC } from "../slack-emulator/install-flow";
import { authorizeCode, call, emulator, REDIRECT, slackUrl } from "./support";

const APP = "https://app.example";
const authorizeUrl = (params: Record<string, string>) =>
  `${slackUrl}/oauth/v2/authorize?${new URLSearchParams({
    client_id: env.SLACK_CLIENT_ID,
    scope: BOT_SCOPES.join(","),
    redirect_uri: REDIRECT,
    state: "s",
    ...params,
  })}`;

/** The two routes of an app's OAuth, the way Firebreak's are described: state in a cookie, code exchanged. */
function standInApp() {
  const app = new Hono();
  for (const [start, done, authorize, exchange] of [
    ["/slack/install", "/slack/oauth_redirect", "/oauth/v2/authorize", "oauth.v2.access"],
    ["/login/slack", "/login/callback", "/openid/connect/authorize", "openid.connect.token"],
  ] as const) {
    app.get(start, (c) => {
      const state = crypto.randomUUID();
      c.header("Set-Cookie", `state=${state}; Path=/; HttpOnly; Secure; SameSite=Lax`);
      const params = new URLSearchParams({ client_id: env.SLACK_CLIENT_ID, redirect_uri: `${APP}${done}`, state });
      if (exchange === "oauth.v2.access") params.set("scope", BOT_SCOPES.join(","));
      else
        for (const [k, v] of Object.entries({ response_type: "code", scope: "openid profile email", nonce: "n" }))
          params.set(k, v);
      return c.redirect(`${slackUrl}${authorize}?${params}`, 302);
    });
    app.get(done, async (c) => {
      if (c.req.query("state") !== getCookie(c, "state")) return c.text("state mismatch", 400);
      if (c.req.query("error")) return c.text(c.req.query("error") ?? "", 400);
      const res = await call(exchange, {
        client_id: env.SLACK_CLIENT_ID,
        client_secret: env.SLACK_CLIENT_SECRET,
        code: c.req.query("code"),
        redirect_uri: `${APP}${done}`,
      });
      return c.json(res.body, res.body.ok ? 200 : 400);
    });
  }
  return (req: Request) => Promise.resolve(app.fetch(req));
}

describe("the authorize page", () => {
  it("shows an error page, not a redirect, for a bad client_id, redirect_uri or scope", async () => {
    const bad: Record<string, string>[] = [
      { client_id: "9.9" },
      { redirect_uri: "javascript:alert(1)" },
      { scope: "chat:write,admin:everything" },
    ];
    for (const params of bad) {
      const res = await fetch(authorizeUrl(params), { redirect: "manual" });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toMatch(/<h1 class="error">Invalid/);
    }
  });

  it("lists workspaces, then who you are, the scopes and the channel", async () => {
    const ws = await emulator.seedWorkspace({ name: "Pages & <Co>" });
    const first = await (await fetch(authorizeUrl({}))).text();
    expect(first).toContain(`<option value="${ws.team.id}">Pages &amp; &lt;Co&gt;`);
    const consent = await (await fetch(authorizeUrl({ team: ws.team.id }))).text();
    expect(consent).toContain("<title>Firebreak is requesting permission to access Pages &amp; &lt;Co&gt;</title>");
    expect(consent).toContain('<label for="user">Signed in as</label>');
    expect(consent).toContain("(@alice)");
    expect(consent).not.toContain("(@dave)");
    expect(consent).toContain("<code>channels:manage</code>");
    expect(consent).toContain(`<option value="${ws.channels.ops.id}">#ops (private)</option>`);
    expect(consent).toContain('value="allow"');
  });

  it("redirects with access_denied on Cancel, and refuses a private channel the person is not in", async () => {
    const ws = await emulator.seedWorkspace({ name: "Cancel" });
    const cancelled = await authorizeCode(ws.team.id, ws.users.alice.id, { decision: "cancel" });
    expect(cancelled.status).toBe(302);
    expect(Object.fromEntries(cancelled.location.searchParams)).toEqual({ error: "access_denied", state: "st4te" });
    const carol = await authorizeCode(ws.team.id, ws.users.carol.id, { channel: ws.channels.ops.id });
    expect(carol.status).toBe(400);
  });
});

describe("browser-style flows", () => {
  it("installs through the app's own routes, carrying its cookie", async () => {
    const ws = await emulator.seedWorkspace({ name: "Flow" });
    const { finalResponse, steps } = await installViaOAuth({
      firebreak: standInApp(),
      appUrl: APP,
      slackUrl,
      team: ws.team.id,
      user: "bob",
      channel: "#random",
    });
    expect(steps.map((s) => s.status)).toEqual([302, 200, 302, 200]);
    const body = (await finalResponse.json()) as {
      incoming_webhook: { channel_id: string };
      authed_user: { id: string };
    };
    expect(body.incoming_webhook.channel_id).toBe(ws.channels.random.id);
    expect(body.authed_user.id).toBe(ws.users.bob.id);
    expect((await emulator.installation(ws))?.installerUserId).toBe(ws.users.bob.id);
  });

  it("comes back with access_denied when the person cancels", async () => {
    const ws = await emulator.seedWorkspace({ name: "Flow cancel" });
    const { finalResponse } = await installViaOAuth({
      firebreak: standInApp(),
      appUrl: APP,
      slackUrl,
      team: ws.team.id,
      user: "alice",
      decision: "cancel",
    });
    expect(await finalResponse.text()).toBe("access_denied");
    expect(await emulator.installation(ws)).toBeUndefined();
  });

  it("signs in with Slack", async () => {
    const ws = await emulator.seedWorkspace({ name: "Flow OIDC" });
    const { finalResponse } = await signInViaOIDC({
      firebreak: standInApp(),
      appUrl: APP,
      slackUrl,
      team: ws.team.id,
      user: "carol",
    });
    expect(finalResponse.status).toBe(200);
    expect(((await finalResponse.json()) as { id_token: string }).id_token.split(".")).toHaveLength(3);
  });

  it("installs org-wide in Enterprise Grid: team is null, one token serves every workspace", async () => {
    const org = await emulator.seedEnterprise({
      name: "Grid Org",
      workspaces: ["Grid East", "Grid West"].map((name) => ({
        name,
        users: [
          { key: "alice", orgAdmin: true },
          { key: "bob", admin: true },
        ],
        channels: [{ key: "general", name: "general" }],
      })),
    });
    const [east, west] = org.workspaces;
    if (!east || !west) throw new Error("seed failed");
    const admin = east.users.alice?.id ?? "";
    // A workspace admin is not an org admin: only the org's may install on all of it.
    expect((await authorizeCode(org.enterprise.id, east.users.bob?.id ?? "")).status).toBe(400);
    const { location } = await authorizeCode(org.enterprise.id, admin, { channel: east.channels.general?.id });
    const res = await call("oauth.v2.access", {
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code: location.searchParams.get("code"),
    });
    expect(res.body).toMatchObject({
      ok: true,
      team: null,
      enterprise: { id: org.enterprise.id },
      is_enterprise_install: true,
    });
    const bot = res.body.access_token;
    const westGeneral = west.channels.general?.id ?? "";
    expect((await call("conversations.join", { channel: westGeneral }, bot)).body.ok).toBe(true);
    expect((await call("conversations.create", { name: "inc-org" }, bot)).body.error).toBe("missing_argument");
    expect((await call("conversations.create", { name: "inc-org", team_id: east.team.id }, bot)).body.ok).toBe(true);
    const [joined] = await emulator.outbox(west);
    expect(joined?.authorizations).toEqual([
      {
        enterprise_id: org.enterprise.id,
        team_id: null,
        user_id: res.body.bot_user_id,
        is_bot: true,
        is_enterprise_install: true,
      },
    ]);
  });
});
