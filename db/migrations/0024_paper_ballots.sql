CREATE TABLE `ballot_batch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`track_id` integer NOT NULL,
	`channel` text NOT NULL,
	`label` text NOT NULL,
	`destination` text NOT NULL,
	`ballot_count` integer NOT NULL,
	`first_serial` integer NOT NULL,
	`registered_by` integer NOT NULL,
	`registered_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`track_id`) REFERENCES `track`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`registered_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "ballot_batch_channel_known" CHECK("ballot_batch"."channel" in ('paper', 'onsite')),
	CONSTRAINT "ballot_batch_count_range" CHECK("ballot_batch"."ballot_count" between 1 and 1000000),
	CONSTRAINT "ballot_batch_serial_range" CHECK("ballot_batch"."first_serial" >= 1 and "ballot_batch"."first_serial" + "ballot_batch"."ballot_count" - 1 <= 9999999),
	CONSTRAINT "ballot_batch_label_length" CHECK(length("ballot_batch"."label") between 1 and 100),
	CONSTRAINT "ballot_batch_destination_length" CHECK(length("ballot_batch"."destination") between 1 and 300)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_batch_first_serial_unique` ON `ballot_batch` (`first_serial`);--> statement-breakpoint
CREATE INDEX `ballot_batch_campaign_idx` ON `ballot_batch` (`campaign_id`);--> statement-breakpoint
-- ===== Custom SQL of paper ballots (issue 18): keep at the end of this file. =====
-- A serial names exactly one batch: ranges never overlap, whoever registers them.
CREATE TRIGGER `ballot_batch_ranges_disjoint` BEFORE INSERT ON `ballot_batch`
WHEN EXISTS (
	SELECT 1 FROM `ballot_batch` b
	WHERE b.`first_serial` <= NEW.`first_serial` + NEW.`ballot_count` - 1
	  AND NEW.`first_serial` <= b.`first_serial` + b.`ballot_count` - 1
)
BEGIN
	SELECT RAISE(ABORT, 'ballot batch serial ranges overlap');
END;
--> statement-breakpoint
-- A batch is printed for a track of its campaign, in a channel that track runs.
CREATE TRIGGER `ballot_batch_channel_of_track` BEFORE INSERT ON `ballot_batch`
WHEN NOT EXISTS (
	SELECT 1 FROM `track` t
	WHERE t.`id` = NEW.`track_id` AND t.`campaign_id` = NEW.`campaign_id`
	  AND ((NEW.`channel` = 'paper' AND t.`paper_channel`) OR (NEW.`channel` = 'onsite' AND t.`onsite_channel`))
)
BEGIN
	SELECT RAISE(ABORT, 'the track does not run this channel');
END;
--> statement-breakpoint
-- Once the results are certified nothing more is printed into the count.
CREATE TRIGGER `ballot_batch_certified_no_insert` BEFORE INSERT ON `ballot_batch`
WHEN EXISTS (SELECT 1 FROM `result_certificate` WHERE `campaign_id` = NEW.`campaign_id`)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
-- Printed ballots are out in the world: their batch never changes and is never deleted.
CREATE TRIGGER `ballot_batch_no_update` BEFORE UPDATE ON `ballot_batch`
BEGIN
	SELECT RAISE(ABORT, 'a ballot batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_batch_no_delete` BEFORE DELETE ON `ballot_batch`
BEGIN
	SELECT RAISE(ABORT, 'a ballot batch is never deleted');
END;
