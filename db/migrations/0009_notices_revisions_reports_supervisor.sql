CREATE TABLE `notice_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content` text NOT NULL,
	`change_note` text DEFAULT '' NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`notice_id`) REFERENCES `notice`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`published_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "notice_revision_positive" CHECK("notice_revision"."revision" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_revision_unique` ON `notice_revision` (`notice_id`,`revision`);--> statement-breakpoint
CREATE TABLE `report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`notice_id` integer NOT NULL,
	`candidate_id` integer,
	`content` text NOT NULL,
	`reporter_name` text,
	`reporter_phone` text,
	`device_hash` text NOT NULL,
	`address_hash` text NOT NULL,
	`day` text NOT NULL,
	`device_seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notice`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "report_device_seq_range" CHECK("report"."device_seq" between 1 and 5),
	CONSTRAINT "report_content_length" CHECK(length(trim("report"."content")) between 1 and 1000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_reference_unique` ON `report` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `report_device_day_seq_unique` ON `report` (`device_hash`,`day`,`device_seq`);--> statement-breakpoint
CREATE INDEX `report_notice_idx` ON `report` (`notice_id`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_staff_user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "staff_user_role_known" CHECK("__new_staff_user"."role" in ('admin', 'editor', 'monitor', 'auditor', 'supervisor')),
	CONSTRAINT "staff_user_email_lower" CHECK("__new_staff_user"."email" = lower("__new_staff_user"."email") and "__new_staff_user"."email" like '%_@_%')
);
--> statement-breakpoint
INSERT INTO `__new_staff_user`("id", "email", "display_name", "role", "password_hash", "disabled_at", "created_at") SELECT "id", "email", "display_name", "role", "password_hash", "disabled_at", "created_at" FROM `staff_user`;--> statement-breakpoint
DROP TABLE `staff_user`;--> statement-breakpoint
ALTER TABLE `__new_staff_user` RENAME TO `staff_user`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_email_unique` ON `staff_user` (`email`);--> statement-breakpoint
ALTER TABLE `notice` ADD `working_days` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `notice` ADD `show_photos` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `notice` ADD `show_summaries` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `notice` ADD `current_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notice` ADD `updated_at` integer;