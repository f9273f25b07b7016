CREATE TABLE `rate_limits` (
	`workspace` text NOT NULL,
	`method` text NOT NULL,
	`until` integer NOT NULL,
	PRIMARY KEY(`workspace`, `method`)
);
--> statement-breakpoint
CREATE TABLE `slack_effects` (
	`key` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`state` text NOT NULL,
	`result` text,
	`claimed_until` integer NOT NULL,
	`attempted_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
ALTER TABLE `installations` ADD `token_status` text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `installations` ADD `refresh_claim_until` integer;