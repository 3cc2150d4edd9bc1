CREATE TABLE `committee_rule` (
	`campaign_id` integer PRIMARY KEY NOT NULL,
	`members_due` integer NOT NULL,
	`quorum` text DEFAULT 'two_thirds' NOT NULL,
	`threshold` text DEFAULT 'more_than_half_of_due' NOT NULL,
	`tie_break` text DEFAULT 'revote' NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "committee_rule_members_due" CHECK("committee_rule"."members_due" between 1 and 200),
	CONSTRAINT "committee_rule_quorum_known" CHECK("committee_rule"."quorum" in ('two_thirds', 'more_than_half')),
	CONSTRAINT "committee_rule_threshold_known" CHECK("committee_rule"."threshold" in ('more_than_half_of_due', 'more_than_half_of_present')),
	CONSTRAINT "committee_rule_tie_break_known" CHECK("committee_rule"."tie_break" in ('revote', 'more_public_votes'))
);
--> statement-breakpoint
CREATE TABLE `committee_session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`track_id` integer NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`members_due` integer NOT NULL,
	`members_present` integer NOT NULL,
	`held_on` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`confirmed_by` integer,
	`confirmed_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`track_id`) REFERENCES `track`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`confirmed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "committee_session_status_known" CHECK("committee_session"."status" in ('draft', 'confirmed')),
	CONSTRAINT "committee_session_round_positive" CHECK("committee_session"."round" >= 1),
	CONSTRAINT "committee_session_members" CHECK("committee_session"."members_due" between 1 and 200 and "committee_session"."members_present" between 0 and "committee_session"."members_due"),
	CONSTRAINT "committee_session_confirmed_has_who" CHECK(("committee_session"."status" = 'draft') = ("committee_session"."confirmed_at" is null and "committee_session"."confirmed_by" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `committee_session_track_round_unique` ON `committee_session` (`track_id`,`round`);--> statement-breakpoint
CREATE TABLE `committee_tally` (
	`session_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`votes_for` integer NOT NULL,
	`votes_against` integer NOT NULL,
	`abstentions` integer NOT NULL,
	PRIMARY KEY(`session_id`, `candidate_id`),
	FOREIGN KEY (`session_id`) REFERENCES `committee_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "committee_tally_not_negative" CHECK("committee_tally"."votes_for" >= 0 and "committee_tally"."votes_against" >= 0 and "committee_tally"."abstentions" >= 0)
);
--> statement-breakpoint
ALTER TABLE `media` ADD `variant_of` text;--> statement-breakpoint
CREATE INDEX `media_variant_of_idx` ON `media` (`variant_of`);