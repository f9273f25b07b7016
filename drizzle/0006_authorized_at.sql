ALTER TABLE `installations` ADD `authorized_at` integer;--> statement-breakpoint
UPDATE `installations` SET `authorized_at` = `updated_at` WHERE `installer_user_id` IS NOT NULL;
