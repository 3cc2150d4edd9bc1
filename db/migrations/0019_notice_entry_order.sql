ALTER TABLE `notice` ADD `entry_order` text DEFAULT 'stroke' NOT NULL;--> statement-breakpoint
-- Notices published before the order was chosen listed their entries by number: they keep it,
-- so a correction of one does not reorder it. Drafts and new notices take surname strokes.
UPDATE `notice` SET `entry_order` = 'number' WHERE `current_revision` > 0;
--> statement-breakpoint
CREATE TRIGGER `notice_entry_order_known_insert` BEFORE INSERT ON `notice`
WHEN NEW.`entry_order` NOT IN ('stroke', 'number')
BEGIN
	SELECT RAISE(ABORT, 'notice entry order unknown');
END;
--> statement-breakpoint
CREATE TRIGGER `notice_entry_order_known_update` BEFORE UPDATE OF `entry_order` ON `notice`
WHEN NEW.`entry_order` NOT IN ('stroke', 'number')
BEGIN
	SELECT RAISE(ABORT, 'notice entry order unknown');
END;
