-- From the publicity stage on, the public vote's figures are final: the committee has used them
-- and the notice is out. A ballot's status (counted or invalidated) then no longer changes,
-- whoever writes. The application refuses first, with a message; this holds the rule for every
-- other writer, as candidate_outcome_final holds the committee's outcome.
CREATE TRIGGER `ballot_status_final` BEFORE UPDATE OF `status` ON `ballot`
WHEN NEW.`status` IS NOT OLD.`status`
  AND (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) IN ('publicity', 'concluded')
BEGIN
	SELECT RAISE(ABORT, 'ballots are final once publicity has begun');
END;
