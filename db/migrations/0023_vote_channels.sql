ALTER TABLE `track` ADD `paper_channel` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `onsite_channel` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_online` integer;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_paper` integer;--> statement-breakpoint
ALTER TABLE `track` ADD `weight_onsite` integer;--> statement-breakpoint
-- ===== Custom SQL of the vote channels (issue 18): keep at the end of this file. =====
-- The channels a track runs and their weights are rules of the vote: frozen when it opens, like
-- the quota and pick bounds (0004_freeze_track_rules.sql, recreated here with the new columns).
DROP TRIGGER `track_rules_frozen`;
--> statement-breakpoint
CREATE TRIGGER `track_rules_frozen` BEFORE UPDATE OF `kind`, `quota`, `max_picks`, `min_picks`, `ballots_per_device_per_day`, `ballots_per_address_per_day`, `paper_channel`, `onsite_channel`, `weight_online`, `weight_paper`, `weight_onsite` ON `track`
WHEN (SELECT `stage` FROM `campaign` WHERE `id` = OLD.`campaign_id`) NOT IN ('nomination', 'review')
  AND (OLD.`kind`, OLD.`quota`, OLD.`max_picks`, OLD.`min_picks`, OLD.`ballots_per_device_per_day`, OLD.`ballots_per_address_per_day`, OLD.`paper_channel`, OLD.`onsite_channel`, OLD.`weight_online`, OLD.`weight_paper`, OLD.`weight_onsite`)
    IS NOT (NEW.`kind`, NEW.`quota`, NEW.`max_picks`, NEW.`min_picks`, NEW.`ballots_per_device_per_day`, NEW.`ballots_per_address_per_day`, NEW.`paper_channel`, NEW.`onsite_channel`, NEW.`weight_online`, NEW.`weight_paper`, NEW.`weight_onsite`)
BEGIN
	SELECT RAISE(ABORT, 'track rules are frozen once voting has opened');
END;
--> statement-breakpoint
-- Weights are all null (votes add) or all set, each 0..100, summing to 100, a channel that does
-- not run weighing 0. Triggers rather than CHECKs: a CHECK added to `track` makes drizzle-kit
-- rebuild the table, which would drop its freezing and content-version triggers.
CREATE TRIGGER `track_channel_weights_valid_insert` BEFORE INSERT ON `track`
WHEN NOT (
  (NEW.`weight_online` IS NULL AND NEW.`weight_paper` IS NULL AND NEW.`weight_onsite` IS NULL)
  OR (NEW.`weight_online` BETWEEN 0 AND 100 AND NEW.`weight_paper` BETWEEN 0 AND 100 AND NEW.`weight_onsite` BETWEEN 0 AND 100
    AND NEW.`weight_online` + NEW.`weight_paper` + NEW.`weight_onsite` = 100
    AND (NEW.`paper_channel` OR NEW.`weight_paper` = 0) AND (NEW.`onsite_channel` OR NEW.`weight_onsite` = 0))
)
BEGIN
	SELECT RAISE(ABORT, 'channel weights must be all unset or sum to 100 over the channels that run');
END;
--> statement-breakpoint
CREATE TRIGGER `track_channel_weights_valid_update` BEFORE UPDATE OF `paper_channel`, `onsite_channel`, `weight_online`, `weight_paper`, `weight_onsite` ON `track`
WHEN NOT (
  (NEW.`weight_online` IS NULL AND NEW.`weight_paper` IS NULL AND NEW.`weight_onsite` IS NULL)
  OR (NEW.`weight_online` BETWEEN 0 AND 100 AND NEW.`weight_paper` BETWEEN 0 AND 100 AND NEW.`weight_onsite` BETWEEN 0 AND 100
    AND NEW.`weight_online` + NEW.`weight_paper` + NEW.`weight_onsite` = 100
    AND (NEW.`paper_channel` OR NEW.`weight_paper` = 0) AND (NEW.`onsite_channel` OR NEW.`weight_onsite` = 0))
)
BEGIN
	SELECT RAISE(ABORT, 'channel weights must be all unset or sum to 100 over the channels that run');
END;
