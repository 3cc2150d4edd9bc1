-- From the publicity stage on, the committee's outcome is what the notice publishes: an elected
-- or not-elected candidate keeps that status. The application refuses first, with a message;
-- this holds the rule for every other writer.
CREATE TRIGGER `candidate_outcome_final` BEFORE UPDATE OF `status` ON `candidate`
WHEN OLD.`status` IN ('elected', 'not_elected')
  AND NEW.`status` IS NOT OLD.`status`
  AND (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) IN ('publicity', 'concluded')
BEGIN
	SELECT RAISE(ABORT, 'the committee outcome is final once publicity has begun');
END;
