CREATE TABLE `address_key` (
	`day` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "address_key_day_format" CHECK("address_key"."day" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
ALTER TABLE `ballot` ADD `host_hash` text DEFAULT '' NOT NULL;