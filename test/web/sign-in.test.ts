/** Sign in with Slack: the session a person gets, and what it protects. */
import { describe, expect, it } from "vitest";
import { signInViaOIDC } from "../slack-emulator/install-flow";
import { sessionSetCookie, signIn } from "../support/web";
import { APP_URL, firebreak, installedCompany, seedCompany, slackUrl } from "../support/world";

describe("Sign in with Slack", () => {
  it("signs a person in to the workspace Slack names, with a strict, bounded session cookie", async () => {
    const ws = await installedCompany();
    const { finalResponse } = await signInViaOIDC({
      firebreak,
      appUrl: APP_URL,
      slackUrl,
      team: ws.team.id,
      user: "bob",
    });
    expect(finalResponse.status).toBe(302);
    expect(finalResponse.headers.get("location")).toBe("/settings");
    const cookie = sessionSetCookie(finalResponse);
    for (const flag of ["fb_session=", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=28800", "Path=/"])
      expect(cookie).toContain(flag);
    const page = await (await signIn(ws.team.id, "bob")).get("/settings");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(ws.team.name);
    expect(html).toContain("<title>Settings · Firebreak</title>");
  });

  it("sends a signed-out person to sign in, and back where they were going", async () => {
    const res = await firebreak(new Request(`${APP_URL}/settings/messaging/slack`, { redirect: "manual" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fsettings%2Fmessaging%2Fslack");
    const login = await firebreak(new Request(`${APP_URL}/login?next=%2Fsettings%2Fmessaging%2Fslack`));
    expect(await login.text()).toContain('href="/login/slack?next=%2Fsettings%2Fmessaging%2Fslack"');
    const offsite = await firebreak(new Request(`${APP_URL}/login?next=https%3A%2F%2Fevil.example`));
    expect(await offsite.text()).toContain('href="/login/slack?next=%2Fsettings"');
  });

  it("refuses a callback without the browser's cookie, or with a state already used", async () => {
    const ws = await seedCompany();
    const start = await firebreak(new Request(`${APP_URL}/login/slack`, { redirect: "manual" }));
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const noCookie = await firebreak(
      new Request(`${APP_URL}/login/callback?code=x&state=${state}`, { headers: { accept: "text/html" } }),
    );
    expect(noCookie.status).toBe(400);
    const flow = await signInViaOIDC({ firebreak, appUrl: APP_URL, slackUrl, team: ws.team.id, user: "alice" });
    expect(flow.finalResponse.status).toBe(302);
    const callback = flow.steps[flow.steps.length - 1]?.url ?? "";
    const cookieStep = await firebreak(new Request(`${APP_URL}/login/slack`, { redirect: "manual" }));
    const replay = await firebreak(
      new Request(callback, {
        headers: { accept: "text/html", cookie: (cookieStep.headers.get("set-cookie") ?? "").split(";")[0] ?? "" },
      }),
    );
    expect(replay.status).toBe(400);
  });

  it("rejects a forged or tampered session cookie", async () => {
    const ws = await installedCompany();
    const browser = await signIn(ws.team.id, "bob");
    const [payload, signature] = browser.cookie.slice("fb_session=".length).split(".");
    const forged = JSON.parse(atob((payload ?? "").replace(/-/g, "+").replace(/_/g, "/")));
    forged.teamId = "TSOMEONEELSE";
    const tampered = `fb_session=${btoa(JSON.stringify(forged)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}.${signature}`;
    const res = await firebreak(
      new Request(`${APP_URL}/settings`, { headers: { cookie: tampered }, redirect: "manual" }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("treats a mangled cookie as no cookie: back to sign-in, never an error page", async () => {
    for (const cookie of [
      "fb_session=a.b",
      "fb_session=a.b.c",
      "fb_session=%%%.%%%",
      "fb_session=.",
      "fb_session=x.abcde",
    ]) {
      const res = await firebreak(new Request(`${APP_URL}/settings`, { headers: { cookie }, redirect: "manual" }));
      expect(res.status, cookie).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("signs out with the form's token, and not without it", async () => {
    const ws = await installedCompany();
    const browser = await signIn(ws.team.id, "bob");
    expect((await browser.post("/logout", {}, { from: "/settings", csrf: null })).status).toBe(403);
    const out = await browser.post("/logout", {}, { from: "/settings" });
    expect(out.status).toBe(200);
    expect(sessionSetCookie(out)).toMatch(/^fb_session=;/);
  });
});
