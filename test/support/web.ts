/** A signed-in browser, minus the browser: the session cookie, and forms posted with their CSRF token. */
import { signInViaOIDC } from "../slack-emulator/install-flow";
import { APP_URL, firebreak, slackUrl } from "./world";

export interface Browser {
  cookie: string;
  get(path: string): Promise<Response>;
  /** Posts a form; the page's CSRF token is added unless `csrf` is given (or null to omit it). */
  post(path: string, fields: Record<string, string>, o?: { csrf?: string | null; from?: string }): Promise<Response>;
}

export async function signIn(team: string, user: string): Promise<Browser> {
  const { finalResponse, steps } = await signInViaOIDC({ firebreak, appUrl: APP_URL, slackUrl, team, user });
  const cookie = sessionCookieOf(finalResponse);
  if (!cookie) throw new Error(`no session: ${JSON.stringify(steps)}`);
  return browserWith(cookie);
}

export function browserWith(cookie: string): Browser {
  const headers = { cookie, accept: "text/html" };
  const get = (path: string) => firebreak(new Request(`${APP_URL}${path}`, { headers, redirect: "manual" }));
  return {
    cookie,
    get,
    async post(path, fields, o = {}) {
      const body = new URLSearchParams(fields);
      const csrf =
        o.csrf === undefined ? csrfOf(await (await get(o.from ?? "/settings/messaging/slack")).text()) : o.csrf;
      if (csrf !== null) body.set("csrf", csrf);
      return firebreak(
        new Request(`${APP_URL}${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: body.toString(),
          redirect: "manual",
        }),
      );
    },
  };
}

export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF token on the page");
  return match[1];
}

/** The settings form's fields as the page shows them now, with overrides. */
export function settingsFields(overrides: Record<string, string> = {}, channel = "") {
  return {
    enabled: "on",
    announcement_channel: channel,
    reminder_sev1: "15",
    reminder_sev2: "30",
    reminder_sev3: "60",
    reminder_sev4: "0",
    channel_prefix: "inc",
    ...overrides,
  };
}

/** Every Set-Cookie line of a response. */
function setCookies(res: Response): string[] {
  return (res.headers as Headers & { getSetCookie(): string[] }).getSetCookie();
}

/** The `fb_session=…` pair a response sets, if any. */
export function sessionCookieOf(res: Response): string | undefined {
  const all = setCookies(res);
  return all
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("fb_session=") && c.length > "fb_session=".length);
}

/** The full Set-Cookie line for the session. */
export function sessionSetCookie(res: Response): string {
  return setCookies(res).find((c) => c.startsWith("fb_session=")) ?? "";
}
