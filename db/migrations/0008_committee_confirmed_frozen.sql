-- A confirmed committee vote is the record of a meeting: neither the sitting nor its tallies
-- change or go away afterwards. A further round is a new sitting.
CREATE TRIGGER `committee_session_confirmed_frozen` BEFORE UPDATE ON `committee_session`
WHEN OLD.`status` = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'a confirmed committee vote cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `committee_session_confirmed_kept` BEFORE DELETE ON `committee_session`
WHEN OLD.`status` = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'a confirmed committee vote cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_insert_frozen` BEFORE INSERT ON `committee_tally`
WHEN (SELECT `status` FROM `committee_session` WHERE `id` = NEW.`session_id`) = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'a confirmed committee vote cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_update_frozen` BEFORE UPDATE ON `committee_tally`
WHEN (SELECT `status` FROM `committee_session` WHERE `id` = OLD.`session_id`) = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'a confirmed committee vote cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `committee_tally_delete_frozen` BEFORE DELETE ON `committee_tally`
WHEN (SELECT `status` FROM `committee_session` WHERE `id` = OLD.`session_id`) = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'a confirmed committee vote cannot change');
END;
