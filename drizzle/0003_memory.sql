CREATE TABLE `home_viewers` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`view_hash` text,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `postmortems` (
	`incident_id` integer PRIMARY KEY NOT NULL,
	`markdown` text NOT NULL,
	`generated_at` integer NOT NULL,
	`generated_by` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `slack_users` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`tz` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`is_owner` integer DEFAULT false NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `incident_events` ADD `source_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `incident_events_source` ON `incident_events` (`incident_id`,`source_key`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `enterprise_id` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `last_reminder_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `snoozed_until` integer;