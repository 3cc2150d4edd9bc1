CREATE TABLE `naming_decision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`notice_id` integer NOT NULL,
	`slug` text NOT NULL,
	`serial` text NOT NULL,
	`title` text NOT NULL,
	`lead` text NOT NULL,
	`closing` text NOT NULL,
	`signature` text NOT NULL,
	`signed_on` text NOT NULL,
	`current_revision` integer DEFAULT 0 NOT NULL,
	`published_at` integer,
	`updated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`notice_id`) REFERENCES `notice`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "naming_decision_revision_count" CHECK("naming_decision"."current_revision" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `naming_decision_slug_unique` ON `naming_decision` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `naming_decision_campaign_unique` ON `naming_decision` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `naming_decision_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content` text NOT NULL,
	`change_note` text DEFAULT '' NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`decision_id`) REFERENCES `naming_decision`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`published_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "naming_decision_revision_positive" CHECK("naming_decision_revision"."revision" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `naming_decision_revision_unique` ON `naming_decision_revision` (`decision_id`,`revision`);--> statement-breakpoint
-- Custom SQL below (hand-written, kept at the end so the migration can be renumbered at merge).
-- A published revision of a naming decision is what the public read: it never changes or goes
-- away; a correction is a new revision.
CREATE TRIGGER `naming_decision_revision_no_update` BEFORE UPDATE ON `naming_decision_revision`
BEGIN
	SELECT RAISE(ABORT, 'a published naming decision revision cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `naming_decision_revision_no_delete` BEFORE DELETE ON `naming_decision_revision`
BEGIN
	SELECT RAISE(ABORT, 'a published naming decision revision cannot change');
END;
--> statement-breakpoint
-- The decision's pages, the notice's link to it, the campaign's pages and the feed change with
-- both tables: the page caches' content version moves with every write (as in 0014).
CREATE TRIGGER `naming_decision_content_version_insert` AFTER INSERT ON `naming_decision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `naming_decision_content_version_update` AFTER UPDATE ON `naming_decision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `naming_decision_content_version_delete` AFTER DELETE ON `naming_decision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `naming_decision_revision_content_version_insert` AFTER INSERT ON `naming_decision_revision`
BEGIN
	UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
