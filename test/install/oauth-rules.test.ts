/** The OAuth rows of reliability.md: state and cookie, one-time use, expiry, refusals, no partial rows. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { installViaOAuth } from "../slack-emulator/install-flow";
import { APP_URL, emulator, firebreak, seedCompany, slackUrl } from "../support/world";

const installs = async (teamId: string) =>
  (
    await env.DB.prepare("SELECT COUNT(*) AS n FROM installations WHERE team_id = ?")
      .bind(teamId)
      .first<{ n: number }>()
  )?.n;

/** Starts an install and returns the state and the cookie Firebreak set. */
async function start() {
  const res = await firebreak(new Request(`${APP_URL}/slack/install`, { redirect: "manual" }));
  const location = new URL(res.headers.get("location") ?? "");
  const setCookie = res.headers.get("set-cookie") ?? "";
  return {
    res,
    location,
    state: location.searchParams.get("state") ?? "",
    setCookie,
    cookie: setCookie.split(";")[0] ?? "",
  };
}

/** A code Slack would hand back for this workspace (through the emulator's consent form). */
async function codeFor(teamId: string, userId: string, state: string) {
  const form = new URLSearchParams({
    client_id: env.SLACK_CLIENT_ID,
    scope: "commands,chat:write",
    user_scope: "",
    redirect_uri: `${APP_URL}/slack/oauth_redirect`,
    state,
    team: teamId,
    user: userId,
    decision: "allow",
  });
  const res = await fetch(`${slackUrl}/oauth/v2/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  return new URL(res.headers.get("location") ?? "").searchParams.get("code") ?? "";
}

const callback = (query: Record<string, string>, cookie?: string) =>
  firebreak(
    new Request(`${APP_URL}/slack/oauth_redirect?${new URLSearchParams(query)}`, {
      redirect: "manual",
      headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
    }),
  );

describe("GET /slack/install", () => {
  it("redirects to Slack's authorize page with a one-time state bound to a strict cookie", async () => {
    const { res, location, state, setCookie } = await start();
    expect(res.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${slackUrl}/oauth/v2/authorize`);
    expect(location.searchParams.get("client_id")).toBe(env.SLACK_CLIENT_ID);
    expect(location.searchParams.get("scope")?.split(",")).toEqual(
      expect.arrayContaining([
        "commands",
        "chat:write",
        "channels:manage",
        "groups:write",
        "pins:write",
        "bookmarks:write",
        "users:read",
        "im:write",
        "incoming-webhook",
      ]),
    );
    expect(location.searchParams.get("user_scope")).toBe("");
    expect(location.searchParams.get("redirect_uri")).toBe(`${APP_URL}/slack/oauth_redirect`);
    expect(state.length).toBeGreaterThanOrEqual(40);
    expect(setCookie).toContain(`fb_oauth_state=${state}`);
    for (const flag of ["Secure", "HttpOnly", "SameSite=Lax", "Max-Age=600"]) expect(setCookie).toContain(flag);
  });
});

describe("GET /slack/oauth_redirect", () => {
  it("refuses a valid state without its cookie, or with another browser's, and installs nothing", async () => {
    const ws = await seedCompany();
    const { state } = await start();
    const other = await start();
    const code = await codeFor(ws.team.id, ws.users.alice.id, state);
    expect((await callback({ code, state })).status).toBe(400);
    expect((await callback({ code, state }, other.cookie)).status).toBe(400);
    expect(await installs(ws.team.id)).toBe(0);
  });

  it("refuses a state older than ten minutes", async () => {
    const ws = await seedCompany();
    const { state, cookie } = await start();
    await env.DB.prepare("UPDATE oauth_states SET expires_at = ? WHERE state = ?")
      .bind(Date.now() - 1, state)
      .run();
    const res = await callback({ code: await codeFor(ws.team.id, ws.users.alice.id, state), state }, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("expired or was already used");
    expect(await installs(ws.team.id)).toBe(0);
  });

  it("accepts a state once: the replay is refused", async () => {
    const ws = await seedCompany();
    const { state, cookie } = await start();
    const code = await codeFor(ws.team.id, ws.users.alice.id, state);
    expect((await callback({ code, state }, cookie)).status).toBe(302);
    const replay = await callback({ code: await codeFor(ws.team.id, ws.users.alice.id, state), state }, cookie);
    expect(replay.status).toBe(400);
    expect(await installs(ws.team.id)).toBe(1);
  });

  it("says so, with a way back, when the person cancels on Slack's page", async () => {
    const ws = await seedCompany();
    const { finalResponse } = await installViaOAuth({
      firebreak,
      appUrl: APP_URL,
      slackUrl,
      team: ws.team.id,
      user: "alice",
      decision: "cancel",
    });
    expect(finalResponse.status).toBe(200);
    const page = await finalResponse.text();
    expect(page).toContain("Installation cancelled");
    expect(page).toContain('href="/slack/install"');
    expect(page).toContain('href="/settings/messaging/slack"');
    expect(await installs(ws.team.id)).toBe(0);
  });

  it("shows an error page and stores nothing when oauth.v2.access fails", async () => {
    const ws = await seedCompany();
    await emulator.setFaults(ws, { seed: 1, scripted: [{ method: "oauth.v2.access", error: "invalid_code" }] });
    const { state, cookie } = await start();
    const code = await codeFor(ws.team.id, ws.users.alice.id, state);
    const res = await callback({ code, state }, cookie);
    expect(res.status).toBe(502);
    const page = await res.text();
    expect(page).toContain("Slack said: invalid_code");
    expect(page).not.toMatch(/xox[bpe]-/);
    expect(await installs(ws.team.id)).toBe(0);
  });

  it("shows an error page and leaves no partial row when the D1 write fails", async () => {
    const ws = await seedCompany();
    const { state, cookie } = await start();
    const code = await codeFor(ws.team.id, ws.users.alice.id, state);
    const failingWrites = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (query: string) => {
            if (/insert into "installations"/i.test(query)) throw new Error("D1_ERROR: simulated write failure");
            return target.prepare(query);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${APP_URL}/slack/oauth_redirect?${new URLSearchParams({ code, state })}`, {
        headers: { cookie, accept: "text/html" },
      }),
      { ...env, DB: failingWrites },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("Something went wrong");
    expect(await installs(ws.team.id)).toBe(0);
  });
});
