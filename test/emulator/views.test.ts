/** trigger_ids and modals: one use, 3 seconds, valid views only, hashes, stacks, submissions. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SlackDriver } from "../slack-emulator/driver";
import { call, emulator, fakeApp, installedWorkspace, modal, type Payload, slackUrl, textInput } from "./support";

const driverFor = (deliver: (req: Request) => Promise<Response>) =>
  new SlackDriver({ slackUrl, signingSecret: env.SLACK_SIGNING_SECRET, deliver });

/** A workspace whose app keeps every trigger_id it is given, to use (or misuse) later. */
async function setup(answer: (p: Payload) => unknown = () => undefined) {
  const installed = await installedWorkspace();
  const triggers: string[] = [];
  const app = fakeApp((p) => {
    triggers.push(p.trigger_id);
    return answer(p);
  });
  const driver = driverFor(app.deliver);
  const alice = installed.ws.users.alice.id;
  const command = () => driver.command({ team: installed.ws, user: alice, channel: "general", text: "declare" });
  return { ...installed, triggers, app, driver, alice, command };
}

describe("trigger_id", () => {
  it("opens one view, once", async () => {
    const { bot, triggers, command, ws, alice } = await setup();
    await command();
    const trigger = triggers[0];
    const open = () => call("views.open", { trigger_id: trigger, view: modal("Declare incident") }, bot);
    const first = await open();
    expect(first.body).toMatchObject({ ok: true, view: { type: "modal", title: { text: "Declare incident" } } });
    expect((await open()).body.error).toBe("exchanged_trigger_id");
    expect((await call("views.open", { trigger_id: "123.456.abc", view: modal("x") }, bot)).body.error).toBe(
      "invalid_trigger_id",
    );
    const views = await emulator.views(ws, alice);
    expect(views.stack.map((v) => v.id)).toEqual([first.body.view.id]);
    expect((await emulator.seen(ws, alice)).filter((s) => s.kind === "modal")).toHaveLength(1);
  });

  it("dies after 3 seconds", async () => {
    const { bot, triggers, command, ws } = await setup();
    await command();
    await emulator.setClockOffset(3100, ws);
    const res = await call("views.open", { trigger_id: triggers[0], view: modal("Too late") }, bot);
    expect(res.body.error).toBe("expired_trigger_id");
  });

  it("refuses invalid views without burning the trigger", async () => {
    const { bot, triggers, command } = await setup();
    await command();
    const bad = await call("views.open", { trigger_id: triggers[0], view: modal("A title longer than 24 chars") }, bot);
    expect(bad.body).toMatchObject({ ok: false, error: "invalid_arguments" });
    expect(bad.body.response_metadata.messages).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    ]);
    const unlabeled = modal("Declare", [{ type: "input", element: { type: "plain_text_input", action_id: "t" } }]);
    const noLabel = await call("views.open", { trigger_id: triggers[0], view: unlabeled }, bot);
    expect(noLabel.body.response_metadata.messages[0]).toContain("/view/blocks/0/label");
    expect((await call("views.open", { trigger_id: triggers[0], view: modal("Fine") }, bot)).body.ok).toBe(true);
  });
});

describe("views.update / views.push / views.publish", () => {
  it("refuses a stale hash and unknown views", async () => {
    const { bot, triggers, command } = await setup();
    await command();
    const opened = (await call("views.open", { trigger_id: triggers[0], view: modal("Loading") }, bot)).body.view;
    const update = (hash: string) => call("views.update", { view_id: opened.id, hash, view: modal("Loaded") }, bot);
    expect((await update("1.nothash")).body.error).toBe("hash_conflict");
    const done = await update(opened.hash);
    expect(done.body.view).toMatchObject({ id: opened.id, title: { text: "Loaded" } });
    expect(done.body.view.hash).not.toBe(opened.hash);
    expect((await update(opened.hash)).body.error).toBe("hash_conflict");
    expect((await call("views.update", { view_id: "V0NOPE00000", view: modal("x") }, bot)).body.error).toBe(
      "not_found",
    );
  });

  it("stacks at most 3 views", async () => {
    const pushed: string[] = [];
    const button = {
      type: "actions",
      elements: [{ type: "button", action_id: "more", text: { type: "plain_text", text: "More" } }],
    };
    const { bot, triggers, command, driver, ws, alice } = await setup();
    await command();
    let top = (await call("views.open", { trigger_id: triggers[0], view: modal("One", [button]) }, bot)).body.view.id;
    for (const title of ["Two", "Three", "Four"]) {
      await driver.clickButton({ team: ws, user: alice, actionId: "more", in: { view: top } });
      const res = await call("views.push", { trigger_id: triggers.at(-1), view: modal(title, [button]) }, bot);
      pushed.push(res.body.ok ? res.body.view.title.text : res.body.error);
      if (res.body.ok) top = res.body.view.id;
    }
    expect(pushed).toEqual(["Two", "Three", "push_limit_reached"]);
    expect((await emulator.views(ws, alice)).stack.map((v) => v.title?.text)).toEqual(["One", "Two", "Three"]);
  });

  it("publishes App Home per person", async () => {
    const { bot, ws, alice } = await installedWorkspace().then((i) => ({ ...i, alice: i.ws.users.alice.id }));
    const home = {
      type: "home",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Open incidents: none" } }],
    };
    const res = await call("views.publish", { user_id: alice, view: home }, bot);
    expect(res.body.ok).toBe(true);
    expect((await emulator.views(ws, alice)).home?.blocks[0]).toMatchObject({ text: { text: "Open incidents: none" } });
    expect((await call("views.publish", { user_id: alice, view: modal("nope") }, bot)).body.error).toBe(
      "invalid_arguments",
    );
  });
});

describe("view_submission", () => {
  it("checks required fields in the client, then follows response_action", async () => {
    const answers: unknown[] = [{ response_action: "errors", errors: { title: "Say what broke" } }, undefined];
    const { bot, triggers, command, driver, ws, alice, app } = await setup((p) =>
      p.type === "view_submission" ? answers.shift() : undefined,
    );
    await command();
    const view = modal("Declare", [textInput("title", "title_input", { max_length: 80 }), textInput("summary", "s")], {
      callback_id: "declare",
    });
    (view.blocks[1] as { optional?: boolean }).optional = true;
    const opened = (await call("views.open", { trigger_id: triggers[0], view }, bot)).body.view;

    const empty = await driver.submitView({ team: ws, user: alice, viewId: opened.id, values: {} });
    expect(empty.errors).toEqual({ title: "Please complete this required field." });
    expect(app.received).toHaveLength(1);
    await expect(
      driver.submitView({ team: ws, user: alice, viewId: opened.id, values: { nope: "x" } }),
    ).rejects.toThrow(/no input for nope/);

    const refused = await driver.submitView({
      team: ws,
      user: alice,
      viewId: opened.id,
      values: { title_input: "DB" },
    });
    expect(refused.errors).toEqual({ title: "Say what broke" });
    const sent = app.received[1]?.payload;
    expect(sent).toMatchObject({ type: "view_submission", view: { id: opened.id, callback_id: "declare" } });
    expect(sent.view.state.values).toEqual({
      title: { title_input: { type: "plain_text_input", value: "DB" } },
      summary: { s: { type: "plain_text_input", value: null } },
    });
    expect((await emulator.views(ws, alice)).stack).toHaveLength(1);

    const ok = await driver.submitView({
      team: ws,
      user: alice,
      viewId: opened.id,
      values: { title_input: "Database down" },
    });
    expect(ok.status).toBe(200);
    expect((await emulator.views(ws, alice)).stack).toHaveLength(0);
    expect((await emulator.seen(ws, alice)).filter((s) => s.kind === "modal").every((s) => s.replaced)).toBe(true);
  });
});

describe("selects and closing", () => {
  it("sends a static_select pick with the option Slack knows, and refuses unknown options", async () => {
    const { bot, ws, alice, triggers, command, app } = await setup();
    await command();
    const select = {
      type: "actions",
      block_id: "sev",
      elements: [
        {
          type: "static_select",
          action_id: "severity",
          options: ["SEV1", "SEV2"].map((v) => ({ text: { type: "plain_text", text: v }, value: v })),
        },
      ],
    };
    const opened = (await call("views.open", { trigger_id: triggers[0], view: modal("Severity", [select]) }, bot)).body
      .view;
    await driverFor(app.deliver).selectOption({
      team: ws,
      user: alice,
      actionId: "severity",
      selected: "SEV2",
      in: { view: opened.id },
    });
    expect(app.received[1]?.payload).toMatchObject({
      type: "block_actions",
      container: { type: "view", view_id: opened.id },
      actions: [{ type: "static_select", action_id: "severity", block_id: "sev", selected_option: { value: "SEV2" } }],
    });
    await expect(
      driverFor(app.deliver).selectOption({
        team: ws,
        user: alice,
        actionId: "severity",
        selected: "SEV9",
        in: { view: opened.id },
      }),
    ).rejects.toThrow(/no option "SEV9"/);
  });

  it("tells the app about a closed modal only when it asked to be told", async () => {
    const { bot, ws, alice, triggers, command, app, driver } = await setup();
    await command();
    const quiet = (await call("views.open", { trigger_id: triggers[0], view: modal("Quiet") }, bot)).body.view;
    expect((await driver.closeView({ team: ws, user: alice, viewId: quiet.id })).status).toBe(0);
    expect(app.received).toHaveLength(1);
    expect((await emulator.views(ws, alice)).stack).toEqual([]);
    await command();
    const loud = (
      await call("views.open", { trigger_id: triggers[1], view: modal("Loud", [], { notify_on_close: true }) }, bot)
    ).body.view;
    expect((await driver.closeView({ team: ws, user: alice, viewId: loud.id })).status).toBe(200);
    expect(app.received[2]?.payload).toMatchObject({ type: "view_closed", view: { id: loud.id }, is_cleared: false });
  });
});
