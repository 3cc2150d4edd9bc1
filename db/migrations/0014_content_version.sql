CREATE TABLE `content_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	CONSTRAINT "content_version_single_row" CHECK("content_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `content_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
-- Every change that can alter a public page moves the content version in its own transaction,
-- whoever writes; the page caches of all processes drop what was rendered before it.
CREATE TRIGGER `campaign_content_version_insert` AFTER INSERT ON `campaign`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_content_version_update` AFTER UPDATE ON `campaign`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_content_version_delete` AFTER DELETE ON `campaign`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_stage_date_content_version_insert` AFTER INSERT ON `campaign_stage_date`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_stage_date_content_version_update` AFTER UPDATE ON `campaign_stage_date`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_stage_date_content_version_delete` AFTER DELETE ON `campaign_stage_date`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `track_content_version_insert` AFTER INSERT ON `track`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `track_content_version_update` AFTER UPDATE ON `track`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `track_content_version_delete` AFTER DELETE ON `track`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_content_version_insert` AFTER INSERT ON `candidate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_content_version_update` AFTER UPDATE ON `candidate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_content_version_delete` AFTER DELETE ON `candidate`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `media_content_version_insert` AFTER INSERT ON `media`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `media_content_version_update` AFTER UPDATE ON `media`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `media_content_version_delete` AFTER DELETE ON `media`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_content_version_insert` AFTER INSERT ON `notice`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_content_version_update` AFTER UPDATE ON `notice`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_content_version_delete` AFTER DELETE ON `notice`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_revision_content_version_insert` AFTER INSERT ON `notice_revision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_revision_content_version_update` AFTER UPDATE ON `notice_revision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `notice_revision_content_version_delete` AFTER DELETE ON `notice_revision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_rule_content_version_insert` AFTER INSERT ON `committee_rule`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_rule_content_version_update` AFTER UPDATE ON `committee_rule`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_rule_content_version_delete` AFTER DELETE ON `committee_rule`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_session_content_version_insert` AFTER INSERT ON `committee_session`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_session_content_version_update` AFTER UPDATE ON `committee_session`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_session_content_version_delete` AFTER DELETE ON `committee_session`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_content_version_insert` AFTER INSERT ON `committee_tally`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_content_version_update` AFTER UPDATE ON `committee_tally`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_content_version_delete` AFTER DELETE ON `committee_tally`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversion_term_content_version_insert` AFTER INSERT ON `conversion_term`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversion_term_content_version_update` AFTER UPDATE ON `conversion_term`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversion_term_content_version_delete` AFTER DELETE ON `conversion_term`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- Ballots cast do not (pages with live counts expire by time); a voided ballot does.
CREATE TRIGGER `ballot_content_version_update` AFTER UPDATE ON `ballot`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
