CREATE TABLE `conversion_term` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`simplified` text NOT NULL,
	`traditional` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "conversion_term_lengths" CHECK(length("conversion_term"."simplified") between 1 and 50 and length("conversion_term"."traditional") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversion_term_simplified_unique` ON `conversion_term` (`simplified`);