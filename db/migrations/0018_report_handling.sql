CREATE TABLE `report_handling` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`verifying_since` integer NOT NULL,
	`finding` text,
	`action_taken` text,
	`reply` text,
	`concluded_at` integer,
	FOREIGN KEY (`report_id`) REFERENCES `report`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "report_handling_status" CHECK("report_handling"."status" in ('verifying', 'concluded')),
	CONSTRAINT "report_handling_finding" CHECK("report_handling"."finding" is null or "report_handling"."finding" in ('substantiated', 'partly_substantiated', 'unsubstantiated', 'unverifiable')),
	CONSTRAINT "report_handling_concluded_complete" CHECK("report_handling"."status" = 'verifying' or ("report_handling"."finding" is not null and "report_handling"."concluded_at" is not null and length(trim("report_handling"."action_taken")) between 1 and 2000 and length(trim("report_handling"."reply")) between 1 and 1000))
);
--> statement-breakpoint
ALTER TABLE `report` ADD `check_code_hash` text;--> statement-breakpoint
-- A report is taken up before it is concluded, and a conclusion is final: the reporter has read
-- the reply. The application refuses first, with a message; these hold it for every writer.
CREATE TRIGGER `report_handling_starts_verifying` BEFORE INSERT ON `report_handling`
WHEN NEW.`status` <> 'verifying'
BEGIN
	SELECT RAISE(ABORT, 'a report is verified before it is concluded');
END;
--> statement-breakpoint
-- INSERT OR REPLACE would delete the row it replaces without firing a delete trigger (SQLite
-- leaves recursive_triggers off): a row that exists is never written over. The same guard for
-- the rows migration 0010 keeps, a report as sent and a published revision.
CREATE TRIGGER `report_handling_once` BEFORE INSERT ON `report_handling`
WHEN EXISTS (SELECT 1 FROM `report_handling` WHERE `report_id` = NEW.`report_id`)
BEGIN
	SELECT RAISE(ABORT, 'a report is taken up once');
END;
--> statement-breakpoint
CREATE TRIGGER `report_not_replaced` BEFORE INSERT ON `report`
WHEN EXISTS (
	SELECT 1 FROM `report`
	WHERE `id` = NEW.`id` OR `reference` = NEW.`reference`
		OR (`device_hash` = NEW.`device_hash` AND `day` = NEW.`day` AND `device_seq` = NEW.`device_seq`)
)
BEGIN
	SELECT RAISE(ABORT, 'a report is never written over');
END;
--> statement-breakpoint
CREATE TRIGGER `notice_revision_not_replaced` BEFORE INSERT ON `notice_revision`
WHEN EXISTS (
	SELECT 1 FROM `notice_revision`
	WHERE `id` = NEW.`id` OR (`notice_id` = NEW.`notice_id` AND `revision` = NEW.`revision`)
)
BEGIN
	SELECT RAISE(ABORT, 'a published revision is never written over');
END;
--> statement-breakpoint
CREATE TRIGGER `report_handling_final` BEFORE UPDATE ON `report_handling`
WHEN OLD.`status` = 'concluded'
BEGIN
	SELECT RAISE(ABORT, 'a concluded report is final');
END;
--> statement-breakpoint
CREATE TRIGGER `report_handling_kept` BEFORE DELETE ON `report_handling`
BEGIN
	SELECT RAISE(ABORT, 'a report''s handling is kept');
END;
