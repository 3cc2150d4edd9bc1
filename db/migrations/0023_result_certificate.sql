CREATE TABLE `result_certificate` (
	`campaign_id` integer PRIMARY KEY NOT NULL,
	`certified_by` integer NOT NULL,
	`certified_at` integer NOT NULL,
	`document` text NOT NULL,
	`sha256` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`certified_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "result_certificate_sha256_hex" CHECK(length("result_certificate"."sha256") = 64 and "result_certificate"."sha256" not glob '*[^0-9a-f]*'),
	CONSTRAINT "result_certificate_document_json" CHECK(json_valid("result_certificate"."document"))
);
--> statement-breakpoint
-- ===== Custom SQL of the certified results (issue 17): keep at the end of this file. =====
-- A certificate is final: it is a public, citable document whose SHA-256 the notice quotes.
CREATE TRIGGER `result_certificate_no_update` BEFORE UPDATE ON `result_certificate`
BEGIN
	SELECT RAISE(ABORT, 'a result certificate never changes');
END;
--> statement-breakpoint
CREATE TRIGGER `result_certificate_no_delete` BEFORE DELETE ON `result_certificate`
BEGIN
	SELECT RAISE(ABORT, 'a result certificate is never deleted');
END;
--> statement-breakpoint
-- Once a campaign's results are certified its ballots are final, whoever writes: none is voided
-- (or restored, or moved), none is added, no pick is added to one. The application refuses
-- first, with a message (void_after_certification); these hold the rule for every other writer.
CREATE TRIGGER `ballot_certified_final` BEFORE UPDATE OF `status`, `invalid_reason`, `invalidated_by`, `invalidated_at`, `track_id`, `campaign_id` ON `ballot`
WHEN EXISTS (SELECT 1 FROM `result_certificate` WHERE `campaign_id` IN (OLD.`campaign_id`, NEW.`campaign_id`))
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_certified_no_insert` BEFORE INSERT ON `ballot`
WHEN EXISTS (SELECT 1 FROM `result_certificate` WHERE `campaign_id` = NEW.`campaign_id`)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_pick_certified_no_insert` BEFORE INSERT ON `ballot_pick`
WHEN EXISTS (
	SELECT 1 FROM `ballot` b JOIN `result_certificate` r ON r.`campaign_id` = b.`campaign_id`
	WHERE b.`id` = NEW.`ballot_id`
)
BEGIN
	SELECT RAISE(ABORT, 'ballots are certified');
END;
--> statement-breakpoint
-- A certificate changes the results pages (and the board, the open data): the page caches of
-- every process drop what they rendered before it (as in 0014_content_version.sql).
CREATE TRIGGER `result_certificate_content_version_insert` AFTER INSERT ON `result_certificate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `result_certificate_content_version_update` AFTER UPDATE ON `result_certificate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `result_certificate_content_version_delete` AFTER DELETE ON `result_certificate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
