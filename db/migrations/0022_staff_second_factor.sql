CREATE TABLE `staff_recovery_code` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_recovery_code_unique` ON `staff_recovery_code` (`user_id`,`code_hash`);--> statement-breakpoint
CREATE TABLE `staff_trusted_device` (
	`user_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`trusted_until` integer NOT NULL,
	PRIMARY KEY(`user_id`, `device_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_pending_secret` text;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `totp_last_step` integer;