/** GET /_emulator/*: what tests read back (channels, history, what people saw, calls, stats). */
import { Hono } from "hono";
import type { Conversation, EmulatorState } from "../state";
import { userKey } from "../state";
import type { Channel, EmulatedInstall, EmulatorStats } from "../types";
import { viewJson } from "../views";

export function channelJson(c: Conversation): Channel {
  return {
    id: c.id,
    teamId: c.teamId,
    name: c.name,
    is_private: c.isPrivate,
    is_archived: c.isArchived,
    is_im: c.isIm,
    ...(c.imUser ? { user: c.imUser } : {}),
    creator: c.creator,
    created: c.created,
    topic: c.topic,
    purpose: c.purpose,
    members: [...c.members],
  };
}

export function stats(state: EmulatorState, teamId?: string): EmulatorStats {
  const out: EmulatorStats = { calls: 0, byMethod: {}, byStatus: {}, callsBeforeRetryAfter: 0, faultsInjected: {} };
  for (const call of state.runtime.calls) {
    if (teamId && call.teamId !== teamId) continue;
    out.calls += 1;
    out.byMethod[call.method] = (out.byMethod[call.method] ?? 0) + 1;
    out.byStatus[call.status] = (out.byStatus[call.status] ?? 0) + 1;
    if (call.beforeRetryAfter) out.callsBeforeRetryAfter += 1;
    if (call.fault) out.faultsInjected[call.fault] = (out.faultsInjected[call.fault] ?? 0) + 1;
  }
  return out;
}

export function inspectRoutes(state: EmulatorState) {
  const app = new Hono();
  const conversation = (id: string) => state.conversation(id);
  const missing = (what: string) => new Response(JSON.stringify({ error: `no ${what}` }), { status: 404 });

  app.get("/app", (c) => c.json({ appId: state.app.appId, name: state.app.name, clientId: state.app.clientId }));
  app.get("/teams", (c) =>
    c.json(Object.values(state.data.teams).map((t) => ({ ...t, installed: !!state.installFor(t.id) }))),
  );
  app.get("/teams/:team", (c) => {
    const team = state.team(c.req.param("team"));
    if (!team) return missing("team");
    const users = state
      .usersOf(team.id)
      .map((u) => ({ id: u.id, name: u.name, realName: u.realName, bot: u.bot, deleted: u.deleted }));
    return c.json({ ...team, users });
  });
  app.get("/calls", (c) => {
    const { teamId, method } = c.req.query();
    return c.json(
      state.runtime.calls.filter((x) => (!teamId || x.teamId === teamId) && (!method || x.method === method)),
    );
  });
  app.get("/stats", (c) => c.json(stats(state, c.req.query("teamId"))));
  app.get("/channels/:id", (c) => {
    const ch = conversation(c.req.param("id"));
    return ch ? c.json(channelJson(ch)) : missing("channel");
  });
  app.get("/channels/:id/history", (c) => {
    const ch = conversation(c.req.param("id"));
    return ch ? c.json(ch.messages) : missing("channel");
  });
  app.get("/channels/:id/pins", (c) => {
    const ch = conversation(c.req.param("id"));
    return ch ? c.json(ch.messages.filter((m) => ch.pins.includes(m.ts))) : missing("channel");
  });
  app.get("/channels/:id/bookmarks", (c) => {
    const ch = conversation(c.req.param("id"));
    return ch ? c.json(ch.bookmarks) : missing("channel");
  });
  app.get("/channels/:id/reactions", (c) => {
    const ch = conversation(c.req.param("id"));
    const m = ch?.messages.find((x) => x.ts === c.req.query("ts"));
    return m ? c.json(m.reactions ?? []) : missing("message");
  });
  app.get("/teams/:team/channels", (c) => c.json(state.conversationsOf(c.req.param("team")).map(channelJson)));
  app.get("/teams/:team/channels/by-name/:name", (c) => {
    const ch = state.findConversation(c.req.param("team"), c.req.param("name"));
    return c.json(ch && !ch.isIm ? channelJson(ch) : null);
  });
  app.get("/teams/:team/users/:user/seen", (c) => {
    const team = c.req.param("team");
    const user = state.findUser(team, c.req.param("user"));
    return c.json(state.data.seen[userKey(team, user?.id ?? c.req.param("user"))] ?? []);
  });
  app.get("/teams/:team/users/:user/views", (c) => {
    const team = c.req.param("team");
    const key = userKey(team, state.findUser(team, c.req.param("user"))?.id ?? c.req.param("user"));
    const stack = (state.data.stacks[key] ?? []).flatMap((id) => {
      const v = state.data.views[id];
      return v ? [{ ...viewJson(v), ...(v.errors ? { errors: v.errors } : {}) }] : [];
    });
    const home = state.data.views[state.data.homes[key] ?? ""];
    return c.json({ stack, ...(home ? { home: viewJson(home) } : {}) });
  });
  app.get("/teams/:team/installation", (c) => {
    const install = state.installFor(c.req.param("team")) ?? state.data.installs[c.req.param("team")];
    if (!install) return c.json(null);
    const { key: _key, ...issued } = install;
    return c.json(issued satisfies EmulatedInstall);
  });
  app.get("/outbox", (c) => {
    const teamId = c.req.query("teamId");
    return c.json(state.data.outbox.filter((o) => !teamId || o.teamId === teamId).map((o) => o.envelope));
  });
  return app;
}
