ALTER TABLE `campaign` ADD `title_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `name_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `description_en` text DEFAULT '' NOT NULL;