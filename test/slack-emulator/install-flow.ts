/**
 * The OAuth flows as a browser runs them, so no test installs anything by hand: Firebreak's
 * start URL (through `firebreak`), the emulator's consent pages (real fetch, submitting the
 * fields the page's own form carries), and the redirect back to Firebreak with its cookie.
 * Runtime-agnostic.
 */

export interface FlowOptions {
  /** Firebreak's fetch: `exports.default.fetch` in tests, `fetch` against wrangler dev. */
  firebreak: (req: Request) => Promise<Response>;
  /** e.g. https://firebreak.test */
  appUrl: string;
  slackUrl: string;
  /** The workspace (team id, or enterprise id for an org-wide install). */
  team: string;
  /** Who clicks Allow: a user id or name. */
  user: string;
  /** The incoming-webhook channel: id, name or #name. */
  channel?: string;
  decision?: "allow" | "cancel";
}

export interface FlowResult {
  finalResponse: Response;
  steps: { url: string; status: number; location?: string }[];
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    out[decode(m[1] ?? "")] = decode(m[2] ?? "");
  }
  return out;
}

/** The value of the option in `<select name=...>` whose value or label matches. */
function pick(html: string, name: string, wanted: string): string {
  const select = new RegExp(`<select id="${name}" name="${name}"[^>]*>(.*?)</select>`, "s").exec(html)?.[1];
  if (!select) throw new Error(`consent page has no "${name}" field`);
  const options = [...select.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((m) => ({
    value: decode(m[1] ?? ""),
    label: decode(m[2] ?? ""),
  }));
  const bare = wanted.replace(/^[#@]/, "");
  const found = options.find(
    (o) =>
      o.value === wanted || o.label === `#${bare}` || o.label.includes(`(@${bare})`) || o.label.startsWith(`#${bare} `),
  );
  if (!found) throw new Error(`no ${name} "${wanted}" among: ${options.map((o) => o.label).join(", ")}`);
  return found.value;
}

function cookiesOf(res: Response): string {
  const headers = res.headers as Headers & { getSetCookie?: () => string[] };
  const all = headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""];
  return all
    .filter(Boolean)
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function run(o: FlowOptions, startPath: string, authorizePath: string): Promise<FlowResult> {
  const steps: FlowResult["steps"] = [];
  const step = (url: string, res: Response) => {
    const location = res.headers.get("location") ?? undefined;
    steps.push({ url, status: res.status, ...(location ? { location } : {}) });
    return location;
  };
  const fail = (what: string, detail: string): never => {
    throw new Error(`${what}\nsteps: ${JSON.stringify(steps, null, 2)}\n${detail}`);
  };

  const startUrl = `${o.appUrl}${startPath}`;
  const start = await o.firebreak(new Request(startUrl, { redirect: "manual" }));
  const authorize = step(startUrl, start);
  if (start.status !== 302 || !authorize?.startsWith(`${o.slackUrl}${authorizePath}`)) {
    fail(`${startPath} did not redirect to ${o.slackUrl}${authorizePath}`, await start.text());
  }
  const cookie = cookiesOf(start);

  // The page a browser lands on; a real person picks the workspace, which adds `team`.
  const consentUrl = new URL(authorize ?? "");
  consentUrl.searchParams.set("team", o.team);
  const consent = await fetch(consentUrl, { redirect: "manual" });
  step(consentUrl.toString(), consent);
  const html = await consent.text();
  if (consent.status !== 200) fail("the consent page refused the request", html);

  const form = new URLSearchParams({ ...hiddenFields(html), user: pick(html, "user", o.user) });
  if (html.includes('name="channel"')) form.set("channel", pick(html, "channel", o.channel ?? "general"));
  form.set("decision", o.decision ?? "allow");
  const submitted = await fetch(`${o.slackUrl}${authorizePath}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  const back = step(`${o.slackUrl}${authorizePath}`, submitted);
  if (submitted.status !== 302 || !back) fail("the consent form did not redirect", await submitted.text());

  const finalResponse = await o.firebreak(
    new Request(back ?? "", { redirect: "manual", headers: cookie ? { cookie } : {} }),
  );
  step(back ?? "", finalResponse);
  return { finalResponse, steps };
}

/** Installs Firebreak: /slack/install → Slack's authorize page → /slack/oauth_redirect. */
export function installViaOAuth(o: FlowOptions): Promise<FlowResult> {
  return run(o, "/slack/install", "/oauth/v2/authorize");
}

/** Signs in with Slack: /login's "Sign in with Slack" (/login/slack) → Slack's OpenID Connect page → /login/callback. */
export function signInViaOIDC(o: Omit<FlowOptions, "channel">): Promise<FlowResult> {
  return run(o, "/login/slack", "/openid/connect/authorize");
}
