CREATE TABLE `dead_letters` (
	`message_id` text PRIMARY KEY NOT NULL,
	`job_type` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`died_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`text` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident` ON `incident_events` (`incident_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`is_private` integer DEFAULT false NOT NULL,
	`declared_by` text NOT NULL,
	`commander_id` text,
	`comms_id` text,
	`scribe_id` text,
	`declared_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text,
	`last_update_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_team_number` ON `incidents` (`team_id`,`number`);--> statement-breakpoint
CREATE INDEX `incidents_team_status` ON `incidents` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `installations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enterprise_id` text DEFAULT '' NOT NULL,
	`enterprise_name` text,
	`team_id` text DEFAULT '' NOT NULL,
	`team_name` text,
	`is_enterprise_install` integer DEFAULT false NOT NULL,
	`app_id` text NOT NULL,
	`bot_id` text,
	`bot_user_id` text,
	`bot_token_enc` text,
	`bot_scopes` text DEFAULT '' NOT NULL,
	`bot_refresh_token_enc` text,
	`bot_token_expires_at` integer,
	`installer_user_id` text,
	`user_token_enc` text,
	`user_scopes` text DEFAULT '' NOT NULL,
	`user_refresh_token_enc` text,
	`user_token_expires_at` integer,
	`incoming_webhook_channel_id` text,
	`incoming_webhook_channel_name` text,
	`enabled` integer DEFAULT true NOT NULL,
	`installed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installations_enterprise_team` ON `installations` (`enterprise_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`team_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_events_received_at` ON `processed_events` (`received_at`);