/**
 * The emulator's control client: seed, configure, inspect, and act as people in Slack.
 * Runtime-agnostic (fetch only): workerd tests and the Node CLI both use it.
 */
import type {
  ApiCall,
  Bookmark,
  Channel,
  ChannelKeys,
  EmulatedInstall,
  EmulatorStats,
  EventEnvelope,
  FaultSpec,
  Message,
  Reaction,
  SeededWorkspace,
  SeenItem,
  UserKeys,
  View,
  WorkspaceSpec,
} from "./types";

/** A team id, or a seeded workspace (its team id is used). */
export type TeamRef = string | { team: { id: string } };
export const teamIdOf = (t: TeamRef) => (typeof t === "string" ? t : t.team.id);

export class EmulatorClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** One control call; any non-2xx becomes an Error carrying the emulator's explanation. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`Slack emulator: ${method} ${path}: ${data?.error ?? res.status}`);
    return data as T;
  }

  private team(t: TeamRef, rest = "") {
    return `/teams/${encodeURIComponent(teamIdOf(t))}${rest}`;
  }

  /** A workspace with fresh ids (defaults: alice admin, bob, carol owner, dave deactivated; #general, #random, private #ops). */
  seedWorkspace<const S extends WorkspaceSpec>(spec: S): Promise<SeededWorkspace<UserKeys<S>, ChannelKeys<S>>> {
    return this.request("POST", "/workspaces", spec);
  }

  seedEnterprise(spec: {
    name: string;
    workspaces: WorkspaceSpec[];
  }): Promise<{ enterprise: { id: string; name: string }; workspaces: SeededWorkspace[] }> {
    return this.request("POST", "/enterprises", spec);
  }

  async reset(teamId: TeamRef): Promise<void> {
    await this.request("POST", this.team(teamId, "/reset"));
  }

  async setFaults(teamId: TeamRef, faults: FaultSpec | null): Promise<void> {
    await this.request("PUT", this.team(teamId, "/faults"), faults);
  }

  /** `scale` multiplies the allowed rates (10 = ten times looser). */
  async setRateLimits(teamId: TeamRef, opts: { enabled: boolean; scale?: number }): Promise<void> {
    await this.request("PUT", this.team(teamId, "/rate-limits"), opts);
  }

  async setTokenRotation(teamId: TeamRef, on: boolean): Promise<void> {
    await this.request("PUT", this.team(teamId, "/token-rotation"), { on });
  }

  /**
   * The emulator's "now" = real now + offset (token, code, trigger, response_url expiry; rate
   * limits). With a team, only that workspace's clock moves: prefer it, other files run in parallel.
   */
  async setClockOffset(ms: number, teamId?: TeamRef): Promise<void> {
    await this.request("PUT", "/clock", { offsetMs: ms, ...(teamId ? { teamId: teamIdOf(teamId) } : {}) });
  }

  calls(filter: { teamId?: TeamRef; method?: string } = {}): Promise<ApiCall[]> {
    const q = new URLSearchParams();
    if (filter.teamId) q.set("teamId", teamIdOf(filter.teamId));
    if (filter.method) q.set("method", filter.method);
    return this.request("GET", `/calls?${q}`);
  }

  stats(teamId?: TeamRef): Promise<EmulatorStats> {
    return this.request("GET", `/stats${teamId ? `?teamId=${encodeURIComponent(teamIdOf(teamId))}` : ""}`);
  }

  channel(id: string): Promise<Channel> {
    return this.request("GET", `/channels/${encodeURIComponent(id)}`);
  }

  channels(teamId: TeamRef): Promise<Channel[]> {
    return this.request("GET", this.team(teamId, "/channels"));
  }

  async channelByName(teamId: TeamRef, name: string): Promise<Channel | undefined> {
    const found = await this.request<Channel | null>(
      "GET",
      this.team(teamId, `/channels/by-name/${encodeURIComponent(name.replace(/^#/, ""))}`),
    );
    return found ?? undefined;
  }

  /** Every message in the channel, oldest first (including channel_join, channel_topic… subtypes). */
  history(channelId: string): Promise<Message[]> {
    return this.request("GET", `/channels/${encodeURIComponent(channelId)}/history`);
  }

  pins(channelId: string): Promise<Message[]> {
    return this.request("GET", `/channels/${encodeURIComponent(channelId)}/pins`);
  }

  bookmarks(channelId: string): Promise<Bookmark[]> {
    return this.request("GET", `/channels/${encodeURIComponent(channelId)}/bookmarks`);
  }

  reactions(channelId: string, ts: string): Promise<Reaction[]> {
    return this.request("GET", `/channels/${encodeURIComponent(channelId)}/reactions?ts=${encodeURIComponent(ts)}`);
  }

  /** Everything the person saw, in order: replies, response_url posts, ephemerals, DMs, modals. */
  seen(teamId: TeamRef, userId: string): Promise<SeenItem[]> {
    return this.request("GET", this.team(teamId, `/users/${encodeURIComponent(userId)}/seen`));
  }

  views(teamId: TeamRef, userId: string): Promise<{ stack: View[]; home?: View }> {
    return this.request("GET", this.team(teamId, `/users/${encodeURIComponent(userId)}/views`));
  }

  async installation(teamId: TeamRef): Promise<EmulatedInstall | undefined> {
    return (await this.request<EmulatedInstall | null>("GET", this.team(teamId, "/installation"))) ?? undefined;
  }

  /** All workspaces (for the CLI). */
  teams(): Promise<{ id: string; name: string; domain: string; installed: boolean }[]> {
    return this.request("GET", "/teams");
  }

  async addToChannel(teamId: TeamRef, channelId: string, userId: string, byUserId: string): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/add-to-channel"), { channelId, userId, byUserId });
  }

  postAsUser(teamId: TeamRef, channelId: string, userId: string, text: string, opts: { threadTs?: string } = {}) {
    return this.request<{ ts: string }>("POST", this.team(teamId, "/actions/post"), {
      channelId,
      userId,
      text,
      ...opts,
    });
  }

  async addReaction(teamId: TeamRef, channelId: string, ts: string, userId: string, name: string): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/react"), { channelId, ts, userId, name });
  }

  async openAppHome(teamId: TeamRef, userId: string): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/open-home"), { userId });
  }

  /** An admin deactivates someone: their user tokens answer account_inactive from now on. */
  async deactivateUser(teamId: TeamRef, userId: string): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/deactivate"), { userId });
  }

  /** Removes the app: tokens revoked, bot out of its channels; queues app_uninstalled + tokens_revoked. */
  async uninstall(teamId: TeamRef): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/uninstall"));
  }

  async revokeTokens(teamId: TeamRef, which: { bot?: boolean; userIds?: string[] }): Promise<void> {
    await this.request("POST", this.team(teamId, "/actions/revoke"), which);
  }

  /** Undelivered events (the driver's deliverOutbox sends them). */
  outbox(teamId?: TeamRef): Promise<EventEnvelope[]> {
    return this.request("GET", `/outbox${teamId ? `?teamId=${encodeURIComponent(teamIdOf(teamId))}` : ""}`);
  }

  /** Removes and returns undelivered events, so two deliverers never send one twice. */
  takeOutbox(teamId?: TeamRef): Promise<EventEnvelope[]> {
    return this.request("POST", "/outbox/take", teamId ? { teamId: teamIdOf(teamId) } : {});
  }
}
