/** The postmortem draft with real durations, the incident page's picture, and App Home. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { declareViaSlack, whenReady, whenSynced } from "../support/incidents";
import { signIn } from "../support/web";
import {
  APP_URL,
  driver,
  emulator,
  eventually,
  firebreak,
  installedCompany,
  messagesIn,
  textOf,
} from "../support/world";

const MIN = 60_000;

describe("the postmortem draft and the incident page", () => {
  it("writes the draft from what happened, with the real phase durations, and shows the phases as a picture", async () => {
    const ws = await installedCompany();
    await declareViaSlack(ws, {
      title: "Checkout errors",
      values: { severity: "SEV2", summary: "Card payments fail" },
    });
    const ready = await whenReady(ws.team.id, 1);
    const channel = ready.channel_id ?? "";
    const say = (text: string) => driver.command({ team: ws, user: "alice", channel, text });
    await say("sev 1");
    await say("status identified");
    await say("update Bad deploy found; rolling back");
    await say("status monitoring");
    await whenSynced(ws.team.id, 1);
    // Put the story on a known clock: declared 95 min ago, identified at +12, monitoring at +40.
    const t0 = Date.now() - 95 * MIN;
    await env.DB.prepare("UPDATE incidents SET declared_at = ? WHERE id = ?").bind(t0, ready.id).run();
    const at = async (kind: string, to: string | null, minutes: number) =>
      env.DB.prepare(
        `UPDATE incident_events SET occurred_at = ? WHERE incident_id = ? AND kind = ? ${to ? "AND data LIKE ?" : ""}`,
      )
        .bind(t0 + minutes * MIN, ready.id, kind, ...(to ? [`%"to":"${to}"%`] : []))
        .run();
    await at("declared", null, 0);
    await at("severity", null, 5);
    await at("status", "identified", 12);
    await at("update", null, 20);
    await at("status", "monitoring", 40);
    await say("resolve Rolled back build 812");
    await eventually(
      "the draft",
      async () =>
        (await env.DB.prepare("SELECT 1 FROM postmortems WHERE incident_id = ?").bind(ready.id).first()) ?? undefined,
    );

    const alice = await signIn(ws.team.id, "alice");
    const download = await alice.get(`/incidents/${ready.id}/postmortem.md`);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="inc-1-postmortem.md"');
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    const md = await download.text();
    expect(md).toContain("# Postmortem draft: INC-1 · Checkout errors");
    expect(md).toContain("| Severity | SEV1 |");
    expect(md).toMatch(/\| Investigating \| .* \| 12m \|/);
    expect(md).toMatch(/\| Identified \| .* \| 28m \|/);
    expect(md).toMatch(/\| Monitoring \| .* \| 55m \|/);
    expect(md).toContain("| Duration | 1h 35m |");
    expect(md).toContain("Bad deploy found; rolling back");
    expect(md).toContain("**Resolution:** Rolled back build 812");
    expect(md).toContain("## Action items");

    const page = await (await alice.get(`/incidents/${ready.id}`)).text();
    // The draft is on the page too, as the download has it.
    expect(page).toContain('<pre class="markdown"># Postmortem draft: INC-1 · Checkout errors');
    expect(page).toContain("| Duration | 1h 35m |");
    expect(page).toContain('<svg class="phase-chart"');
    expect(page).toContain('role="img"');
    expect(page).toMatch(/Investigating 12m, Identified 28m, Monitoring 55m, resolved at/);
    expect(page).toContain(">Investigating</text>");
    expect(page).toContain("Checkout errors");

    const list = await (await alice.get("/incidents")).text();
    expect(list).toContain(`href="/incidents/${ready.id}"`);
    expect(list).toContain("1h 35m");
    const link = await eventually("the link in the channel", async () =>
      (await messagesIn(channel)).find((m) => m.text.includes("Postmortem draft for INC-1")),
    );
    expect(link.text).toContain(`${APP_URL}/incidents/${ready.id}/postmortem.md`);
  });

  it("serves incidents and drafts only to members of the workspace", async () => {
    const a = await installedCompany();
    const b = await installedCompany();
    await declareViaSlack(a);
    const ready = await whenReady(a.team.id, 1);
    const outsider = await signIn(b.team.id, "alice");
    expect((await outsider.get(`/incidents/${ready.id}`)).status).toBe(404);
    expect((await outsider.get(`/incidents/${ready.id}/postmortem.md`)).status).toBe(404);
    expect(await (await outsider.get("/incidents")).text()).not.toContain("Database down");
    const signedOut = await firebreak(
      new Request(`${APP_URL}/incidents/${ready.id}/postmortem.md`, { redirect: "manual" }),
    );
    expect(signedOut.status).toBe(302);
    expect((await (await signIn(a.team.id, "bob")).get(`/incidents/${ready.id}`)).status).toBe(200);
  });
});

describe("App Home", () => {
  it("shows open incidents and a Declare button, republished when incidents change, not on every open", async () => {
    const ws = await installedCompany();
    await emulator.openAppHome(ws, ws.users.bob.id);
    await driver.deliverOutbox(ws);
    const home = await eventually("the home view", async () => (await emulator.views(ws, ws.users.bob.id)).home);
    expect(textOf(home)).toContain("No open incidents");
    expect(JSON.stringify(home.blocks)).toContain("Declare incident");
    const publishes = async () =>
      (await emulator.calls({ teamId: ws.team.id, method: "views.publish" })).filter((c) => c.ok).length;
    expect(await publishes()).toBe(1);

    await emulator.openAppHome(ws, ws.users.bob.id);
    await driver.deliverOutbox(ws);
    await new Promise((r) => setTimeout(r, 400));
    expect(await publishes()).toBe(1);

    await declareViaSlack(ws, { title: "Search down" });
    await whenReady(ws.team.id, 1);
    const updated = await eventually("the republished home", async () => {
      const view = (await emulator.views(ws, ws.users.bob.id)).home;
      return textOf(view).includes("Search down") ? view : undefined;
    });
    expect(textOf(updated)).toContain("Open incidents (1)");
    await driver.clickButton({ team: ws, user: "bob", actionId: "fb.declare", in: { view: updated.id } });
    const modal = await eventually("the declare modal from App Home", async () =>
      (await emulator.views(ws, ws.users.bob.id)).stack.find((v) => v.callback_id === "fb.declare_modal"),
    );
    // No response_url from App Home: the modal itself says the incident is being set up.
    const submitted = await driver.submitView({
      team: ws,
      user: "bob",
      viewId: modal.id,
      values: { title: "Queue stuck" },
    });
    expect(submitted.errors).toBeUndefined();
    const top = (await emulator.views(ws, ws.users.bob.id)).stack.at(-1);
    expect(textOf(top)).toContain("INC-2 · Queue stuck* is declared");
    await whenReady(ws.team.id, 2);
  });
});
