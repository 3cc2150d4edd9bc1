-- `ballot_count` holds each track's ballots per status, so a results page reads a few rows
-- instead of counting every ballot. The database keeps it, whatever process or tool writes:
-- an inserted ballot adds one to its track and status, a ballot whose status (or track) changes,
-- as when staff void it, moves from one to the other. Ballots are never deleted (a trigger
-- refuses it), so no deletion needs counting.
CREATE TRIGGER `ballot_count_on_insert` AFTER INSERT ON `ballot`
BEGIN
	INSERT INTO `ballot_count` (`track_id`, `status`, `ballots`) VALUES (NEW.`track_id`, NEW.`status`, 1)
	ON CONFLICT (`track_id`, `status`) DO UPDATE SET `ballots` = `ballots` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `ballot_count_on_update` AFTER UPDATE OF `track_id`, `status` ON `ballot`
WHEN OLD.`track_id` IS NOT NEW.`track_id` OR OLD.`status` IS NOT NEW.`status`
BEGIN
	UPDATE `ballot_count` SET `ballots` = `ballots` - 1
	WHERE `track_id` = OLD.`track_id` AND `status` = OLD.`status`;
	INSERT INTO `ballot_count` (`track_id`, `status`, `ballots`) VALUES (NEW.`track_id`, NEW.`status`, 1)
	ON CONFLICT (`track_id`, `status`) DO UPDATE SET `ballots` = `ballots` + 1;
END;
--> statement-breakpoint
-- The ballots cast before this migration; once, at start-up, before the server listens.
INSERT INTO `ballot_count` (`track_id`, `status`, `ballots`)
SELECT `track_id`, `status`, count(*) FROM `ballot` GROUP BY `track_id`, `status`;
