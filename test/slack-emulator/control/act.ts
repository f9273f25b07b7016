/**
 * POST/PUT /_emulator/*: seeding and settings, things people do in Slack (each queues the
 * events Slack would send), and the driver's side channel (build a payload, report its reply).
 */
import { type Context, Hono } from "hono";
import { react } from "../api/items";
import { SlackError } from "../api/kit";
import { buildEnvelope, emitEvent, joinChannel } from "../events";
import { setFaults } from "../faults";
import { revokeTokens, uninstall } from "../installs";
import { buildBlockActions, buildCommand, buildMessageAction } from "../interactions/build";
import { buildViewClosed, buildViewSubmission } from "../interactions/build-views";
import { BadInteraction } from "../interactions/errors";
import { actor, channelOf } from "../interactions/parts";
import { applyResult } from "../interactions/results";
import { seedEnterprise, seedWorkspace } from "../seed";
import type { EmulatorState } from "../state";
import { userKey } from "../state";
import { viewJson } from "../views";

export function actRoutes(state: EmulatorState) {
  const app = new Hono();
  app.onError((err, c) => {
    const known = err instanceof BadInteraction || err instanceof SlackError || err instanceof SyntaxError;
    if (!known) console.error("slack emulator control:", err);
    return c.json({ error: err.message }, known ? 400 : 500);
  });
  const body = async <T = Record<string, unknown>>(c: Context) => ((await c.req.json().catch(() => ({}))) ?? {}) as T;
  const installOf = (teamId: string) => {
    const install = state.installFor(teamId);
    if (!install) throw new BadInteraction(`Firebreak is not installed in ${teamId}`);
    return install;
  };

  app.post("/workspaces", async (c) => c.json(seedWorkspace(state, await body(c))));
  app.post("/enterprises", async (c) => c.json(seedEnterprise(state, await body(c))));
  app.post("/teams/:team/reset", (c) => {
    state.reset(c.req.param("team"));
    return c.json({ ok: true });
  });
  app.put("/teams/:team/faults", async (c) => {
    setFaults(state, c.req.param("team"), (await c.req.json()) ?? null);
    return c.json({ ok: true });
  });
  app.put("/teams/:team/rate-limits", async (c) => {
    const o = await body<{ enabled: boolean; scale?: number }>(c);
    state.runtime.rateLimits[c.req.param("team")] = { enabled: o.enabled, scale: o.scale ?? 1 };
    return c.json({ ok: true });
  });
  app.put("/teams/:team/token-rotation", async (c) => {
    const team = state.team(c.req.param("team"));
    if (!team) throw new BadInteraction("no such team");
    team.tokenRotation = (await body<{ on: boolean }>(c)).on;
    return c.json({ ok: true });
  });
  app.put("/clock", async (c) => {
    const o = await body<{ offsetMs: number; teamId?: string }>(c);
    if (o.teamId) state.runtime.clock.teams[o.teamId] = o.offsetMs;
    else state.runtime.clock.global = o.offsetMs;
    return c.json({ ok: true });
  });

  // What people do in Slack.
  app.post("/teams/:team/actions/add-to-channel", async (c) => {
    const o = await body<{ channelId: string; userId: string; byUserId: string }>(c);
    const { team, user: by } = actor(state, c.req.param("team"), o.byUserId);
    const channel = channelOf(state, team, by, o.channelId);
    const added = state.findUser(team.id, o.userId);
    if (!added || added.deleted) throw new BadInteraction(`cannot add ${o.userId}`);
    if (added.bot && added.appId && !state.installFor(team.id)) throw new BadInteraction("the app is not installed");
    joinChannel(state, channel, [added.id], by.id);
    return c.json({ ok: true });
  });
  app.post("/teams/:team/actions/post", async (c) => {
    const o = await body<{ channelId: string; userId: string; text: string; threadTs?: string }>(c);
    const { team, user } = actor(state, c.req.param("team"), o.userId);
    const channel = channelOf(state, team, user, o.channelId);
    const m = state.addMessage(channel, {
      user: user.id,
      text: o.text,
      ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    });
    const channelType = channel.isIm ? "im" : channel.isPrivate ? "group" : "channel";
    emitEvent(state, team.id, { ...m, channel: channel.id, channel_type: channelType }, { conversation: channel });
    const bot = state.installFor(team.id)?.botUserId;
    if (bot && o.text.includes(`<@${bot}>`)) {
      emitEvent(
        state,
        team.id,
        { type: "app_mention", user: user.id, text: o.text, ts: m.ts, channel: channel.id },
        { conversation: channel },
      );
    }
    return c.json({ ts: m.ts });
  });
  app.post("/teams/:team/actions/react", async (c) => {
    const o = await body<{ channelId: string; ts: string; userId: string; name: string }>(c);
    const { team, user } = actor(state, c.req.param("team"), o.userId);
    react(state, channelOf(state, team, user, o.channelId), o.ts, user.id, o.name);
    return c.json({ ok: true });
  });
  app.post("/teams/:team/actions/open-home", async (c) => {
    const { team, user } = actor(state, c.req.param("team"), (await body<{ userId: string }>(c)).userId);
    const install = installOf(team.id);
    const im = state.imWith(team.id, install.botUserId, user.id);
    const home = state.data.views[state.data.homes[userKey(team.id, user.id)] ?? ""];
    const event = {
      type: "app_home_opened",
      user: user.id,
      channel: im.id,
      tab: "home",
      ...(home ? { view: viewJson(home) } : {}),
    };
    emitEvent(state, team.id, event);
    return c.json({ ok: true });
  });
  app.post("/teams/:team/actions/deactivate", async (c) => {
    const user = state.findUser(c.req.param("team"), (await body<{ userId: string }>(c)).userId);
    if (!user) throw new BadInteraction("no such user");
    user.deleted = true;
    return c.json({ ok: true });
  });
  app.post("/teams/:team/actions/uninstall", (c) => {
    uninstall(state, installOf(c.req.param("team")), c.req.param("team"));
    return c.json({ ok: true });
  });
  app.post("/teams/:team/actions/revoke", async (c) => {
    revokeTokens(state, installOf(c.req.param("team")), await body(c), c.req.param("team"));
    return c.json({ ok: true });
  });

  // The driver's side channel.
  app.post("/outbox/take", async (c) => {
    const { teamId } = await body<{ teamId?: string }>(c);
    const taken = state.data.outbox.filter((o) => !teamId || o.teamId === teamId);
    state.data.outbox = state.data.outbox.filter((o) => !taken.includes(o));
    return c.json(taken.map((o) => o.envelope));
  });
  app.post("/events/envelope", async (c) => {
    const o = await body<{ teamId: string; event: { type: string }; eventId?: string }>(c);
    if (!state.team(o.teamId)) throw new BadInteraction(`no workspace ${o.teamId}`);
    return c.json(buildEnvelope(state, o.teamId, state.installFor(o.teamId), o.event, o.eventId));
  });
  const builders = {
    command: buildCommand,
    block_actions: buildBlockActions,
    view_submission: buildViewSubmission,
    view_closed: buildViewClosed,
    message_action: buildMessageAction,
  } as const;
  app.post("/interactions/:kind{command|block_actions|view_submission|view_closed|message_action}", async (c) => {
    const kind = c.req.param("kind") as keyof typeof builders;
    const build = builders[kind] as (s: EmulatorState, a: unknown) => unknown;
    return c.json(build(state, await body(c)) ?? null);
  });
  app.post("/interactions/:id/result", async (c) => c.json(applyResult(state, c.req.param("id"), await body(c))));
  return app;
}
