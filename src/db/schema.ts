/**
 * The only schema. `npm run db:generate` writes its SQL into drizzle/, which wrangler applies
 * (locally, remotely, and in tests). Change it by adding a migration, never by editing one.
 * Times are epoch milliseconds; ids from Slack are kept as Slack spells them.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;

/** One row per workspace install, or per Enterprise Grid org-wide install (team_id ''). */
export const installations = sqliteTable(
  "installations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // '' rather than NULL so the unique index really is unique (SQLite lets NULLs repeat).
    enterpriseId: text("enterprise_id").notNull().default(""),
    enterpriseName: text("enterprise_name"),
    teamId: text("team_id").notNull().default(""),
    teamName: text("team_name"),
    isEnterpriseInstall: integer("is_enterprise_install", { mode: "boolean" }).notNull().default(false),
    appId: text("app_id").notNull(),
    botId: text("bot_id"),
    botUserId: text("bot_user_id"),
    /** AES-GCM ciphertext (src/installations/token-crypto.ts); NULL once revoked. */
    botTokenEnc: text("bot_token_enc"),
    botScopes: text("bot_scopes").notNull().default(""),
    botRefreshTokenEnc: text("bot_refresh_token_enc"),
    botTokenExpiresAt: integer("bot_token_expires_at"),
    installerUserId: text("installer_user_id"),
    /** When the installer authorized (set with installer_user_id; NULL on rows from before it). */
    authorizedAt: integer("authorized_at"),
    userTokenEnc: text("user_token_enc"),
    userScopes: text("user_scopes").notNull().default(""),
    userRefreshTokenEnc: text("user_refresh_token_enc"),
    userTokenExpiresAt: integer("user_token_expires_at"),
    incomingWebhookChannelId: text("incoming_webhook_channel_id"),
    incomingWebhookChannelName: text("incoming_webhook_channel_name"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** 'ok', or 'refresh_failed' when Slack refused our refresh token: only a reinstall helps. */
    tokenStatus: text("token_status").notNull().default("ok"),
    /** One token refresh at a time: a worker claims it with a conditional update. */
    refreshClaimUntil: integer("refresh_claim_until"),
    /** Settings (web settings page): where incidents are announced; NULL: the install's channel. */
    announcementChannelId: text("announcement_channel_id"),
    channelPrefix: text("channel_prefix").notNull().default("inc"),
    /** Minutes without an update before a reminder, per severity; 0 turns reminders off. */
    reminderSev1Minutes: integer("reminder_sev1_minutes").notNull().default(15),
    reminderSev2Minutes: integer("reminder_sev2_minutes").notNull().default(30),
    reminderSev3Minutes: integer("reminder_sev3_minutes").notNull().default(60),
    reminderSev4Minutes: integer("reminder_sev4_minutes").notNull().default(0),
    installedAt: integer("installed_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("installations_enterprise_team").on(t.enterpriseId, t.teamId)],
);

/** One-time OAuth `state` values: consumed with DELETE … RETURNING, so a replay finds nothing. */
export const oauthStates = sqliteTable("oauth_states", {
  state: text("state").primaryKey(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** The events inbox: a Slack event_id is handled once, however often Slack delivers it. */
export const processedEvents = sqliteTable(
  "processed_events",
  {
    eventId: text("event_id").primaryKey(),
    teamId: text("team_id"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("processed_events_received_at").on(t.receivedAt)],
);

/** An incident; `number` counts per workspace (INC-1, INC-2, … in each team). */
export const incidents = sqliteTable(
  "incidents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    severity: text("severity").notNull(),
    status: text("status").notNull(),
    isPrivate: integer("is_private", { mode: "boolean" }).notNull().default(false),
    declaredBy: text("declared_by").notNull(),
    commanderId: text("commander_id"),
    commsId: text("comms_id"),
    scribeId: text("scribe_id"),
    declaredAt: integer("declared_at").notNull(),
    resolvedAt: integer("resolved_at"),
    resolution: text("resolution"),
    lastUpdateAt: integer("last_update_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** The modal submission that declared it: a second submit of the same view finds this row. */
    declareKey: text("declare_key"),
    /** Slack's response_url for the declarer's "Declaring INC-n…" notice (valid 30 minutes). */
    noticeUrl: text("notice_url"),
    /** 'opening' until its channel, summary and announcement exist; then 'ready' (or 'failed'). */
    openState: text("open_state").notNull().default("opening"),
    openError: text("open_error"),
    channelId: text("channel_id"),
    channelName: text("channel_name"),
    announcementChannelId: text("announcement_channel_id"),
    /** Bumped by every change; the sync job brings Slack up to it and records how far it got. */
    version: integer("version").notNull().default(1),
    syncedVersion: integer("synced_version").notNull().default(0),
    /** The topic last set, so an unchanged topic is not set again (Slack posts a line each time). */
    topic: text("topic"),
    /** The Grid org of the workspace, to find an org-wide installation from background jobs. */
    enterpriseId: text("enterprise_id"),
    /** Reminders: when the last one went out (claimed by the cron), and a snooze. */
    lastReminderAt: integer("last_reminder_at"),
    snoozedUntil: integer("snoozed_until"),
  },
  (t) => [
    uniqueIndex("incidents_team_number").on(t.teamId, t.number),
    uniqueIndex("incidents_declare_key").on(t.teamId, t.declareKey),
    index("incidents_team_status").on(t.teamId, t.status),
    index("incidents_channel").on(t.channelId),
  ],
);

/** The timeline: every change to an incident, written in the same batch as the change. */
export const incidentEvents = sqliteTable(
  "incident_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    kind: text("kind").notNull(),
    actorId: text("actor_id"),
    /** What the entry says, as shown on the timeline. */
    text: text("text").notNull().default(""),
    /** Kind-specific details (old and new values, a permalink), JSON. */
    data: text("data").notNull().default("{}"),
    occurredAt: integer("occurred_at").notNull(),
    recordedAt: integer("recorded_at").notNull(),
    /** For entries taken from a Slack message ("channel:ts"): the same message is added once. */
    sourceKey: text("source_key"),
  },
  (t) => [
    index("incident_events_incident").on(t.incidentId, t.occurredAt),
    uniqueIndex("incident_events_source").on(t.incidentId, t.sourceKey),
  ],
);

/** The postmortem draft, written on resolve and on `/incident postmortem`. */
export const postmortems = sqliteTable("postmortems", {
  incidentId: integer("incident_id")
    .primaryKey()
    .references(() => incidents.id),
  markdown: text("markdown").notNull(),
  generatedAt: integer("generated_at").notNull(),
  generatedBy: text("generated_by"),
});

/** People who opened Firebreak's App Home, and the hash of the view they were last shown. */
export const homeViewers = sqliteTable(
  "home_viewers",
  {
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    viewHash: text("view_hash"),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/** Names and time zones of Slack users, cached for the web pages and the postmortem. */
export const slackUsers = sqliteTable(
  "slack_users",
  {
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    tz: text("tz"),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    isOwner: integer("is_owner", { mode: "boolean" }).notNull().default(false),
    /** An admin or owner of the whole Enterprise Grid org: only they manage an org-wide install. */
    isOrgAdmin: integer("is_org_admin", { mode: "boolean" }).notNull().default(false),
    fetchedAt: integer("fetched_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/** Jobs that used up their retries: recorded by the dead-letter consumer, shown to operators. */
export const deadLetters = sqliteTable("dead_letters", {
  messageId: text("message_id").primaryKey(),
  jobType: text("job_type").notNull(),
  body: text("body").notNull(),
  attempts: integer("attempts").notNull(),
  diedAt: integer("died_at").notNull(),
  /** Why it died: Slack's refusal, or "retries ran out". */
  reason: text("reason"),
});

/** Slack's Retry-After per workspace and method, so no isolate calls before it has run out. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    workspace: text("workspace").notNull(),
    method: text("method").notNull(),
    until: integer("until").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.method] })],
);

/**
 * Slack side effects that must happen once (a post, a channel): claimed before, recorded the
 * moment Slack confirms, checked before any retry (src/jobs/effects.ts).
 */
export const slackEffects = sqliteTable("slack_effects", {
  key: text("key").primaryKey(),
  teamId: text("team_id").notNull(),
  state: text("state").notNull(),
  /** What Slack returned that we need later: a message ts, a channel id. */
  result: text("result"),
  claimedUntil: integer("claimed_until").notNull(),
  attemptedAt: integer("attempted_at").notNull(),
  doneAt: integer("done_at"),
});
