-- Once a campaign has left review (its public vote has opened), the rules voters were shown are
-- frozen: a track's quota, pick bounds and daily limits, and the campaign's vote window and
-- count visibility. The application refuses first, with a message, and audit-logs the attempt;
-- these triggers hold the rule for every other writer.
CREATE TRIGGER `track_rules_frozen` BEFORE UPDATE OF `kind`, `quota`, `max_picks`, `min_picks`, `ballots_per_device_per_day`, `ballots_per_address_per_day` ON `track`
WHEN (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) NOT IN ('nomination', 'review')
  AND (OLD.`kind`, OLD.`quota`, OLD.`max_picks`, OLD.`min_picks`, OLD.`ballots_per_device_per_day`, OLD.`ballots_per_address_per_day`)
    IS NOT (NEW.`kind`, NEW.`quota`, NEW.`max_picks`, NEW.`min_picks`, NEW.`ballots_per_device_per_day`, NEW.`ballots_per_address_per_day`)
BEGIN
	SELECT RAISE(ABORT, 'track rules are frozen once voting has opened');
END;
--> statement-breakpoint
CREATE TRIGGER `track_delete_frozen` BEFORE DELETE ON `track`
WHEN (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) NOT IN ('nomination', 'review')
BEGIN
	SELECT RAISE(ABORT, 'track rules are frozen once voting has opened');
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_vote_rules_frozen` BEFORE UPDATE OF `vote_opens_at`, `vote_closes_at`, `counts_visibility`, `time_zone` ON `campaign`
WHEN OLD.`stage` NOT IN ('nomination', 'review')
  AND (OLD.`vote_opens_at`, OLD.`vote_closes_at`, OLD.`counts_visibility`, OLD.`time_zone`)
    IS NOT (NEW.`vote_opens_at`, NEW.`vote_closes_at`, NEW.`counts_visibility`, NEW.`time_zone`)
BEGIN
	SELECT RAISE(ABORT, 'vote rules are frozen once voting has opened');
END;
