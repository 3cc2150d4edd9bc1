-- Rules the database holds itself, whatever process or tool writes to it.

-- The audit log is append-only.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Ballots and picks are never deleted: voiding keeps the row and records who and why.
CREATE TRIGGER `ballot_no_delete` BEFORE DELETE ON `ballot`
BEGIN
	SELECT RAISE(ABORT, 'ballots are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_pick_no_delete` BEFORE DELETE ON `ballot_pick`
BEGIN
	SELECT RAISE(ABORT, 'ballot picks are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_pick_no_update` BEFORE UPDATE ON `ballot_pick`
BEGIN
	SELECT RAISE(ABORT, 'ballot picks are never changed');
END;
--> statement-breakpoint
-- With the unique (track, device, day, seq) and (track, address, day, seq) keys this caps the
-- number of ballots per device and per address per day at the track's limits.
CREATE TRIGGER `ballot_within_daily_limits` BEFORE INSERT ON `ballot`
WHEN NEW.`device_seq` > (SELECT `ballots_per_device_per_day` FROM `track` WHERE `id` = NEW.`track_id`)
  OR NEW.`address_seq` > (SELECT `ballots_per_address_per_day` FROM `track` WHERE `id` = NEW.`track_id`)
BEGIN
	SELECT RAISE(ABORT, 'ballot over the daily limit');
END;
--> statement-breakpoint
-- A pick must name a candidate of the ballot's own track.
CREATE TRIGGER `ballot_pick_same_track` BEFORE INSERT ON `ballot_pick`
WHEN (SELECT `track_id` FROM `candidate` WHERE `id` = NEW.`candidate_id`)
  IS NOT (SELECT `track_id` FROM `ballot` WHERE `id` = NEW.`ballot_id`)
BEGIN
	SELECT RAISE(ABORT, 'pick outside the ballot''s track');
END;
