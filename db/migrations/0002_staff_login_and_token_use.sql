CREATE TABLE `bot_token_use` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`email` text NOT NULL,
	`address_hash` text NOT NULL,
	`succeeded` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempt_email_at_idx` ON `login_attempt` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempt_address_at_idx` ON `login_attempt` (`address_hash`,`at`);--> statement-breakpoint
ALTER TABLE `staff_session` ADD `csrf_token` text DEFAULT '' NOT NULL;