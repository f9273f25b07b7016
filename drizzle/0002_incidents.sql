ALTER TABLE `incidents` ADD `declare_key` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `notice_url` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `open_state` text DEFAULT 'opening' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `open_error` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `channel_id` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `channel_name` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `announcement_channel_id` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `synced_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `topic` text;--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_declare_key` ON `incidents` (`team_id`,`declare_key`);--> statement-breakpoint
CREATE INDEX `incidents_channel` ON `incidents` (`channel_id`);--> statement-breakpoint
ALTER TABLE `installations` ADD `announcement_channel_id` text;--> statement-breakpoint
ALTER TABLE `installations` ADD `channel_prefix` text DEFAULT 'inc' NOT NULL;--> statement-breakpoint
ALTER TABLE `installations` ADD `reminder_sev1_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `installations` ADD `reminder_sev2_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `installations` ADD `reminder_sev3_minutes` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `installations` ADD `reminder_sev4_minutes` integer DEFAULT 0 NOT NULL;