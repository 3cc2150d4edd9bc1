CREATE INDEX `report_address_day_idx` ON `report` (`address_hash`,`day`);--> statement-breakpoint
-- At most 20 reports per client address and local day, whatever process writes: a device can be
-- renewed by clearing a cookie, an address cannot. 20 leaves room for a workplace or a carrier's
-- shared address; writers are serialised, so the count cannot race.
CREATE TRIGGER `report_within_address_limit` BEFORE INSERT ON `report`
WHEN (SELECT count(*) FROM `report` WHERE `address_hash` = NEW.`address_hash` AND `day` = NEW.`day`) >= 20
BEGIN
	SELECT RAISE(ABORT, 'report over the address limit');
END;
