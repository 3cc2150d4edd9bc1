ALTER TABLE `campaign` ADD `districts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaign` ADD `sectors` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_user` ADD `password_set_by_other` integer DEFAULT false NOT NULL;