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
CREATE TABLE `batch_pass` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`pass` integer NOT NULL,
	`teller_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `ballot_batch`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`teller_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "batch_pass_pass_range" CHECK("batch_pass"."pass" in (1, 2))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_pass_batch_pass_unique` ON `batch_pass` (`batch_id`,`pass`);--> statement-breakpoint
CREATE UNIQUE INDEX `batch_pass_batch_teller_unique` ON `batch_pass` (`batch_id`,`teller_id`);--> statement-breakpoint
CREATE TABLE `paper_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`pass` integer NOT NULL,
	`serial` integer NOT NULL,
	`picks` text NOT NULL,
	`invalid_reason` text,
	`entered_by` integer NOT NULL,
	`entered_at` integer NOT NULL,
	`replaced_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `ballot_batch`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`entered_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "paper_entry_pass_range" CHECK("paper_entry"."pass" in (1, 2)),
	CONSTRAINT "paper_entry_picks_json" CHECK(json_valid("paper_entry"."picks") and json_type("paper_entry"."picks") = 'array'),
	CONSTRAINT "paper_entry_invalid_reason_known" CHECK("paper_entry"."invalid_reason" is null or "paper_entry"."invalid_reason" in ('too_many', 'none', 'too_few', 'unreadable'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paper_entry_serial_pass_current` ON `paper_entry` (`serial`,`pass`) WHERE "paper_entry"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX `paper_entry_batch_idx` ON `paper_entry` (`batch_id`,`pass`);--> statement-breakpoint
CREATE TABLE `paper_resolution` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`serial` integer,
	`picks` text,
	`invalid_reason` text,
	`tally_sheet_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`resolved_by` integer NOT NULL,
	`resolved_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `ballot_batch`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`tally_sheet_id`) REFERENCES `tally_sheet`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "paper_resolution_kind" CHECK(("paper_resolution"."serial" is not null and "paper_resolution"."tally_sheet_id" is null) or ("paper_resolution"."serial" is null and "paper_resolution"."tally_sheet_id" is not null and "paper_resolution"."picks" is null)),
	CONSTRAINT "paper_resolution_picks_json" CHECK("paper_resolution"."picks" is null or (json_valid("paper_resolution"."picks") and json_type("paper_resolution"."picks") = 'array')),
	CONSTRAINT "paper_resolution_invalid_reason_known" CHECK("paper_resolution"."invalid_reason" is null or "paper_resolution"."invalid_reason" in ('too_many', 'none', 'too_few', 'unreadable')),
	CONSTRAINT "paper_resolution_note_length" CHECK(length("paper_resolution"."note") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paper_resolution_serial_unique` ON `paper_resolution` (`batch_id`,`serial`);--> statement-breakpoint
CREATE UNIQUE INDEX `paper_resolution_tally_unique` ON `paper_resolution` (`batch_id`) WHERE "paper_resolution"."serial" is null;--> statement-breakpoint
CREATE TABLE `tally_sheet` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`pass` integer NOT NULL,
	`ballots_cast` integer NOT NULL,
	`invalid_ballots` integer NOT NULL,
	`counts` text NOT NULL,
	`total_votes` integer NOT NULL,
	`entered_by` integer NOT NULL,
	`entered_at` integer NOT NULL,
	`replaced_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `ballot_batch`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`entered_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "tally_sheet_pass_range" CHECK("tally_sheet"."pass" in (1, 2)),
	CONSTRAINT "tally_sheet_figures" CHECK("tally_sheet"."ballots_cast" >= 0 and "tally_sheet"."invalid_ballots" between 0 and "tally_sheet"."ballots_cast" and "tally_sheet"."total_votes" >= 0),
	CONSTRAINT "tally_sheet_counts_json" CHECK(json_valid("tally_sheet"."counts") and json_type("tally_sheet"."counts") = 'object')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_sheet_batch_pass_current` ON `tally_sheet` (`batch_id`,`pass`) WHERE "tally_sheet"."replaced_at" is null;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_staff_user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_set_by_other` integer DEFAULT false NOT NULL,
	`disabled_at` integer,
	`totp_secret` text,
	`totp_pending_secret` text,
	`totp_enabled_at` integer,
	`totp_last_step` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "staff_user_role_known" CHECK("__new_staff_user"."role" in ('admin', 'editor', 'monitor', 'auditor', 'supervisor', 'teller')),
	CONSTRAINT "staff_user_email_lower" CHECK("__new_staff_user"."email" = lower("__new_staff_user"."email") and "__new_staff_user"."email" like '%_@_%')
);
--> statement-breakpoint
INSERT INTO `__new_staff_user`("id", "email", "display_name", "role", "password_hash", "password_set_by_other", "disabled_at", "totp_secret", "totp_pending_secret", "totp_enabled_at", "totp_last_step", "created_at") SELECT "id", "email", "display_name", "role", "password_hash", "password_set_by_other", "disabled_at", "totp_secret", "totp_pending_secret", "totp_enabled_at", "totp_last_step", "created_at" FROM `staff_user`;--> statement-breakpoint
DROP TABLE `staff_user`;--> statement-breakpoint
ALTER TABLE `__new_staff_user` RENAME TO `staff_user`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_email_unique` ON `staff_user` (`email`);--> statement-breakpoint
ALTER TABLE `track` ADD `paper_channel` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `onsite_channel` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_online` integer;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_paper` integer;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_onsite` integer;
--> statement-breakpoint
-- ===== Custom SQL of the vote channels (issue 18): keep at the end of this file. =====
-- The channels a track runs and their weights are rules of the vote: frozen when it opens, like
-- the quota and pick bounds (0004_freeze_track_rules.sql, recreated here with the new columns).
DROP TRIGGER `track_rules_frozen`;
--> statement-breakpoint
CREATE TRIGGER `track_rules_frozen` BEFORE UPDATE OF `kind`, `quota`, `max_picks`, `min_picks`, `ballots_per_device_per_day`, `ballots_per_address_per_day`, `paper_channel`, `onsite_channel`, `weight_online`, `weight_paper`, `weight_onsite` ON `track`
WHEN (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) NOT IN ('nomination', 'review')
  AND (OLD.`kind`, OLD.`quota`, OLD.`max_picks`, OLD.`min_picks`, OLD.`ballots_per_device_per_day`, OLD.`ballots_per_address_per_day`, OLD.`paper_channel`, OLD.`onsite_channel`, OLD.`weight_online`, OLD.`weight_paper`, OLD.`weight_onsite`)
    IS NOT (NEW.`kind`, NEW.`quota`, NEW.`max_picks`, NEW.`min_picks`, NEW.`ballots_per_device_per_day`, NEW.`ballots_per_address_per_day`, NEW.`paper_channel`, NEW.`onsite_channel`, NEW.`weight_online`, NEW.`weight_paper`, NEW.`weight_onsite`)
BEGIN
	SELECT RAISE(ABORT, 'track rules are frozen once voting has opened');
END;
--> statement-breakpoint
-- Weights are all null (votes add) or all set, each 0..100, summing to 100, a channel that does
-- not run weighing 0. Triggers rather than CHECKs: a CHECK added to `track` makes drizzle-kit
-- rebuild the table, which would drop its freezing and content-version triggers.
CREATE TRIGGER `track_channel_weights_valid_insert` BEFORE INSERT ON `track`
WHEN NOT (
  (NEW.`weight_online` IS NULL AND NEW.`weight_paper` IS NULL AND NEW.`weight_onsite` IS NULL)
  OR (NEW.`weight_online` BETWEEN 0 AND 100 AND NEW.`weight_paper` BETWEEN 0 AND 100 AND NEW.`weight_onsite` BETWEEN 0 AND 100
    AND NEW.`weight_online` + NEW.`weight_paper` + NEW.`weight_onsite` = 100
    AND (NEW.`paper_channel` OR NEW.`weight_paper` = 0) AND (NEW.`onsite_channel` OR NEW.`weight_onsite` = 0))
)
BEGIN
	SELECT RAISE(ABORT, 'channel weights must be all unset or sum to 100 over the channels that run');
END;
--> statement-breakpoint
CREATE TRIGGER `track_channel_weights_valid_update` BEFORE UPDATE OF `paper_channel`, `onsite_channel`, `weight_online`, `weight_paper`, `weight_onsite` ON `track`
WHEN NOT (
  (NEW.`weight_online` IS NULL AND NEW.`weight_paper` IS NULL AND NEW.`weight_onsite` IS NULL)
  OR (NEW.`weight_online` BETWEEN 0 AND 100 AND NEW.`weight_paper` BETWEEN 0 AND 100 AND NEW.`weight_onsite` BETWEEN 0 AND 100
    AND NEW.`weight_online` + NEW.`weight_paper` + NEW.`weight_onsite` = 100
    AND (NEW.`paper_channel` OR NEW.`weight_paper` = 0) AND (NEW.`onsite_channel` OR NEW.`weight_onsite` = 0))
)
BEGIN
	SELECT RAISE(ABORT, 'channel weights must be all unset or sum to 100 over the channels that run');
END;
--> statement-breakpoint
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
--> statement-breakpoint
-- The two entries of a batch are made by tellers (or, in their absence, by an admin), each
-- pass by its own person: the unique indexes hold "two passes, two different people".
-- A pass changes once: its teller finishes it.
CREATE TRIGGER `batch_pass_only_finished` BEFORE UPDATE ON `batch_pass`
WHEN OLD.`finished_at` IS NOT NULL OR NEW.`finished_at` IS NULL
  OR (OLD.`batch_id`, OLD.`pass`, OLD.`teller_id`, OLD.`started_at`) IS NOT (NEW.`batch_id`, NEW.`pass`, NEW.`teller_id`, NEW.`started_at`)
BEGIN
	SELECT RAISE(ABORT, 'a batch pass only changes when its teller finishes it');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_pass_no_delete` BEFORE DELETE ON `batch_pass`
BEGIN
	SELECT RAISE(ABORT, 'a batch pass is never deleted');
END;
--> statement-breakpoint
-- An entry's serial lies in its batch's printed range, and it is entered by the teller of its
-- pass; nothing enters the count once the results are certified.
CREATE TRIGGER `paper_entry_valid_insert` BEFORE INSERT ON `paper_entry`
WHEN NOT EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `batch_pass` p ON p.`batch_id` = b.`id`
	WHERE b.`id` = NEW.`batch_id` AND p.`pass` = NEW.`pass` AND p.`teller_id` = NEW.`entered_by`
	  AND p.`finished_at` IS NULL
	  AND NEW.`serial` BETWEEN b.`first_serial` AND b.`first_serial` + b.`ballot_count` - 1
)
BEGIN
	SELECT RAISE(ABORT, 'a paper entry needs a serial of its batch and the teller of its open pass');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_entry_certified_no_insert` BEFORE INSERT ON `paper_entry`
WHEN EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `result_certificate` r ON r.`campaign_id` = b.`campaign_id`
	WHERE b.`id` = NEW.`batch_id`
)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
-- Entries are never deleted; the only change is marking one replaced by its correction, once.
CREATE TRIGGER `paper_entry_only_replaced` BEFORE UPDATE ON `paper_entry`
WHEN OLD.`replaced_at` IS NOT NULL OR NEW.`replaced_at` IS NULL
  OR (OLD.`batch_id`, OLD.`pass`, OLD.`serial`, OLD.`picks`, OLD.`invalid_reason`, OLD.`entered_by`, OLD.`entered_at`)
    IS NOT (NEW.`batch_id`, NEW.`pass`, NEW.`serial`, NEW.`picks`, NEW.`invalid_reason`, NEW.`entered_by`, NEW.`entered_at`)
BEGIN
	SELECT RAISE(ABORT, 'a paper entry is only ever marked replaced by its correction');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_entry_no_delete` BEFORE DELETE ON `paper_entry`
BEGIN
	SELECT RAISE(ABORT, 'a paper entry is never deleted');
END;
--> statement-breakpoint
-- Tally sheets: an on-site batch's sheet, by the teller of its pass, never after certification,
-- corrected by a new row only.
CREATE TRIGGER `tally_sheet_valid_insert` BEFORE INSERT ON `tally_sheet`
WHEN NOT EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `batch_pass` p ON p.`batch_id` = b.`id`
	WHERE b.`id` = NEW.`batch_id` AND b.`channel` = 'onsite' AND p.`pass` = NEW.`pass` AND p.`teller_id` = NEW.`entered_by`
	  AND p.`finished_at` IS NULL
)
BEGIN
	SELECT RAISE(ABORT, 'a tally sheet needs an on-site batch and the teller of its open pass');
END;
--> statement-breakpoint
CREATE TRIGGER `tally_sheet_certified_no_insert` BEFORE INSERT ON `tally_sheet`
WHEN EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `result_certificate` r ON r.`campaign_id` = b.`campaign_id`
	WHERE b.`id` = NEW.`batch_id`
)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
CREATE TRIGGER `tally_sheet_only_replaced` BEFORE UPDATE ON `tally_sheet`
WHEN OLD.`replaced_at` IS NOT NULL OR NEW.`replaced_at` IS NULL
  OR (OLD.`batch_id`, OLD.`pass`, OLD.`ballots_cast`, OLD.`invalid_ballots`, OLD.`counts`, OLD.`total_votes`, OLD.`entered_by`, OLD.`entered_at`)
    IS NOT (NEW.`batch_id`, NEW.`pass`, NEW.`ballots_cast`, NEW.`invalid_ballots`, NEW.`counts`, NEW.`total_votes`, NEW.`entered_by`, NEW.`entered_at`)
BEGIN
	SELECT RAISE(ABORT, 'a tally sheet is only ever marked replaced by its correction');
END;
--> statement-breakpoint
CREATE TRIGGER `tally_sheet_no_delete` BEFORE DELETE ON `tally_sheet`
BEGIN
	SELECT RAISE(ABORT, 'a tally sheet is never deleted');
END;
--> statement-breakpoint
-- Differences are settled by a third person: an admin or a monitor who entered neither pass,
-- once both passes are finished, never after certification. A resolution is final.
CREATE TRIGGER `paper_resolution_valid_insert` BEFORE INSERT ON `paper_resolution`
WHEN (SELECT `role` FROM `staff_user` WHERE `id` = NEW.`resolved_by`) NOT IN ('admin', 'monitor')
  OR EXISTS (SELECT 1 FROM `batch_pass` WHERE `batch_id` = NEW.`batch_id` AND `teller_id` = NEW.`resolved_by`)
  OR (SELECT count(*) FROM `batch_pass` WHERE `batch_id` = NEW.`batch_id` AND `finished_at` IS NOT NULL) < 2
  OR (NEW.`tally_sheet_id` IS NOT NULL AND NOT EXISTS (
	SELECT 1 FROM `tally_sheet` WHERE `id` = NEW.`tally_sheet_id` AND `batch_id` = NEW.`batch_id` AND `replaced_at` IS NULL))
BEGIN
	SELECT RAISE(ABORT, 'a difference is resolved by an admin or monitor who entered neither pass, once both are finished');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_resolution_certified_no_insert` BEFORE INSERT ON `paper_resolution`
WHEN EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `result_certificate` r ON r.`campaign_id` = b.`campaign_id`
	WHERE b.`id` = NEW.`batch_id`
)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_resolution_no_update` BEFORE UPDATE ON `paper_resolution`
BEGIN
	SELECT RAISE(ABORT, 'a resolution never changes');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_resolution_no_delete` BEFORE DELETE ON `paper_resolution`
BEGIN
	SELECT RAISE(ABORT, 'a resolution is never deleted');
END;
--> statement-breakpoint
-- A finished pass is closed: no pass is finished after certification either.
CREATE TRIGGER `batch_pass_certified_no_finish` BEFORE UPDATE OF `finished_at` ON `batch_pass`
WHEN EXISTS (
	SELECT 1 FROM `ballot_batch` b JOIN `result_certificate` r ON r.`campaign_id` = b.`campaign_id`
	WHERE b.`id` = NEW.`batch_id`
)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
-- Public results (live, provisional) count a paper batch once it is reconciled: when a pass is
-- finished and when a difference is settled. The page caches drop what they rendered before
-- (as in 0014_content_version.sql); entries themselves change nothing public until then.
CREATE TRIGGER `batch_pass_content_version_update` AFTER UPDATE ON `batch_pass`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `paper_resolution_content_version_insert` AFTER INSERT ON `paper_resolution`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
