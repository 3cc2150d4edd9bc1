-- A published revision is what the public read, and a report is evidence: neither changes or
-- goes away. A correction is a new revision.
CREATE TRIGGER `notice_revision_no_update` BEFORE UPDATE ON `notice_revision`
BEGIN
	SELECT RAISE(ABORT, 'a published notice revision cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `notice_revision_no_delete` BEFORE DELETE ON `notice_revision`
BEGIN
	SELECT RAISE(ABORT, 'a published notice revision cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `report_no_update` BEFORE UPDATE ON `report`
BEGIN
	SELECT RAISE(ABORT, 'reports are kept as sent');
END;
--> statement-breakpoint
CREATE TRIGGER `report_no_delete` BEFORE DELETE ON `report`
BEGIN
	SELECT RAISE(ABORT, 'reports are kept as sent');
END;
