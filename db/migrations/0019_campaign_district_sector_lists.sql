ALTER TABLE `campaign` ADD `districts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaign` ADD `sectors` text DEFAULT '[]' NOT NULL;