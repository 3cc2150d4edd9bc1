ALTER TABLE `ballot` ADD `network_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `ballot` ADD `device_issued_at` integer;--> statement-breakpoint
CREATE INDEX `ballot_campaign_cast_idx` ON `ballot` (`campaign_id`,`cast_at`);