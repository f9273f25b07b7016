/** Tokens and OAuth: bad and revoked tokens, one-time codes, client credentials, rotation, OIDC. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { authorizeCode, call, emulator, install, installedWorkspace, REDIRECT, slackUrl } from "./support";

const client = { client_id: env.SLACK_CLIENT_ID, client_secret: env.SLACK_CLIENT_SECRET };

describe("tokens", () => {
  it("refuses missing, unknown and JSON-body tokens", async () => {
    const { bot } = await installedWorkspace();
    expect((await call("auth.test")).body).toEqual({ ok: false, error: "not_authed" });
    expect((await call("auth.test", {}, "xoxb-1-2-nope")).body).toEqual({ ok: false, error: "invalid_auth" });
    expect((await call("auth.test", { token: bot }, undefined, { json: true })).body.error).toBe("not_authed");
    expect((await call("auth.test", { token: bot })).body.ok).toBe(true);
    expect((await call("auth.test", {}, bot, { json: true })).body.ok).toBe(true);
    expect((await call("chat.nope", {}, bot)).body).toEqual({ ok: false, error: "unknown_method" });
  });

  it("says who the bot is", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    const me = await call("auth.test", {}, bot);
    expect(me.body).toMatchObject({
      ok: true,
      team_id: ws.team.id,
      user_id: botUserId,
      bot_id: expect.stringMatching(/^B/),
    });
  });

  it("revokes every token on uninstall and queues app_uninstalled and tokens_revoked", async () => {
    const { ws, bot, botUserId } = await installedWorkspace();
    await emulator.uninstall(ws);
    expect((await call("auth.test", {}, bot)).body.error).toBe("invalid_auth");
    const events = (await emulator.outbox(ws)).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "app_uninstalled" }),
        expect.objectContaining({ type: "tokens_revoked", tokens: { oauth: [], bot: [botUserId] } }),
      ]),
    );
  });

  it("answers account_inactive for a deactivated installer's user token", async () => {
    const ws = await emulator.seedWorkspace({ name: "Inactive" });
    const { response } = await install(ws, { userScope: "users:read" });
    const userToken = response.authed_user.access_token;
    expect(userToken).toMatch(/^xoxp-/);
    expect((await call("auth.test", {}, userToken)).body.user_id).toBe(ws.users.alice.id);
    await emulator.deactivateUser(ws, ws.users.alice.id);
    expect((await call("auth.test", {}, userToken)).body.error).toBe("account_inactive");
    expect((await call("auth.test", {}, response.access_token)).body.ok).toBe(true);
  });
});

describe("oauth.v2.access", () => {
  it("issues what the install page granted, and records it", async () => {
    const ws = await emulator.seedWorkspace({ name: "Granted" });
    const { response } = await install(ws, { scope: "commands,chat:write,incoming-webhook" });
    expect(response).toMatchObject({
      ok: true,
      token_type: "bot",
      scope: "commands,chat:write,incoming-webhook",
      team: { id: ws.team.id, name: "Granted" },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: ws.users.alice.id },
      incoming_webhook: { channel: "#general", channel_id: ws.channels.general.id },
    });
    const issued = await emulator.installation(ws);
    expect(issued).toMatchObject({
      botToken: response.access_token,
      botUserId: response.bot_user_id,
      installerUserId: ws.users.alice.id,
    });
    const hook = await fetch(response.incoming_webhook.url, {
      method: "POST",
      body: JSON.stringify({ text: "installed" }),
    });
    expect(await hook.text()).toBe("ok");
    expect((await emulator.history(ws.channels.general.id)).at(-1)?.text).toBe("installed");
  });

  it("takes each code once, within 10 minutes, with the right client and redirect", async () => {
    const ws = await emulator.seedWorkspace({ name: "Codes" });
    const code = async () =>
      (await authorizeCode(ws.team.id, ws.users.bob.id, { channel: ws.channels.general.id })).location.searchParams.get(
        "code",
      ) ?? "";
    const first = await code();
    expect((await call("oauth.v2.access", { ...client, code: first, client_secret: "wrong" })).body.error).toBe(
      "bad_client_secret",
    );
    expect((await call("oauth.v2.access", { ...client, code: first, client_id: "1.2" })).body.error).toBe(
      "invalid_client_id",
    );
    expect(
      (await call("oauth.v2.access", { ...client, code: first, redirect_uri: "https://evil.example/cb" })).body.error,
    ).toBe("bad_redirect_uri");
    expect((await call("oauth.v2.access", { ...client, code: first, redirect_uri: REDIRECT })).body.ok).toBe(true);
    expect((await call("oauth.v2.access", { ...client, code: first })).body.error).toBe("invalid_code");

    // HTTP Basic client credentials work as well.
    const basic = await fetch(`${slackUrl}/api/oauth.v2.access`, {
      method: "POST",
      headers: {
        authorization: `Basic ${btoa(`${client.client_id}:${client.client_secret}`)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ code: await code() }).toString(),
    });
    expect(((await basic.json()) as { ok: boolean }).ok).toBe(true);

    const stale = await code();
    await emulator.setClockOffset(10 * 60 * 1000 + 1000, ws);
    expect((await call("oauth.v2.access", { ...client, code: stale })).body.error).toBe("invalid_code");
  });

  it("rotates tokens: a refresh kills the old refresh token, old access lives to its expiry", async () => {
    const ws = await emulator.seedWorkspace({ name: "Rotating", tokenRotation: true });
    const { response } = await install(ws);
    expect(response.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(response.refresh_token).toMatch(/^xoxe-1-/);
    expect(response.expires_in).toBeGreaterThan(43_190);
    const refresh = (token: string) =>
      call("oauth.v2.access", { ...client, grant_type: "refresh_token", refresh_token: token });
    const next = await refresh(response.refresh_token);
    expect(next.body).toMatchObject({ ok: true, token_type: "bot", expires_in: 43_200 });
    expect(next.body.access_token).not.toBe(response.access_token);
    expect((await refresh(response.refresh_token)).body.error).toBe("invalid_grant");
    expect((await call("auth.test", {}, response.access_token)).body.ok).toBe(true);
    expect((await emulator.installation(ws))?.botRefreshToken).toBe(next.body.refresh_token);
    await emulator.setClockOffset(12 * 60 * 60 * 1000 + 1000, ws);
    expect((await call("auth.test", {}, response.access_token)).body.error).toBe("token_expired");
    expect((await refresh(next.body.refresh_token)).body.ok).toBe(true);
  });
});

describe("Sign in with Slack", () => {
  it("issues an id_token (HS256, client secret) with Slack's claims", async () => {
    const ws = await emulator.seedWorkspace({ name: "OIDC" });
    const form = new URLSearchParams({
      response_type: "code",
      scope: "openid profile email",
      client_id: client.client_id,
      redirect_uri: "https://app.example/login/callback",
      state: "s1",
      nonce: "n0nce",
      team: ws.team.id,
      user: ws.users.carol.id,
      decision: "allow",
    });
    const res = await fetch(`${slackUrl}/openid/connect/authorize`, { method: "POST", body: form, redirect: "manual" });
    const code = new URL(res.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const token = await call("openid.connect.token", { ...client, code });
    expect(token.body).toMatchObject({ ok: true, token_type: "Bearer" });
    const [header, payload, signature] = token.body.id_token.split(".");
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(client.client_secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const sig = Uint8Array.from(atob(signature.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
    expect(await crypto.subtle.verify("HMAC", key, sig, new TextEncoder().encode(`${header}.${payload}`))).toBe(true);
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    expect(claims).toMatchObject({
      iss: "https://slack.com",
      aud: client.client_id,
      nonce: "n0nce",
      "https://slack.com/team_id": ws.team.id,
      "https://slack.com/user_id": ws.users.carol.id,
      email: ws.users.carol.email,
      name: "Carol Chen",
    });
    expect(claims.exp).toBeGreaterThan(claims.iat);
    const info = await call("openid.connect.userInfo", {}, token.body.access_token);
    expect(info.body).toMatchObject({ ok: true, sub: ws.users.carol.id, email: ws.users.carol.email });
    expect((await call("users.list", {}, token.body.access_token)).body.error).toBe("missing_scope");
    expect((await call("openid.connect.token", { ...client, code })).body.error).toBe("invalid_code");
  });
});
