CREATE TABLE `campaign` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`organiser` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`stage` text DEFAULT 'nomination' NOT NULL,
	`counts_visibility` text DEFAULT 'after_close' NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`vote_opens_at` integer,
	`vote_closes_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "campaign_stage_known" CHECK("campaign"."stage" in ('nomination', 'review', 'public_vote', 'second_shortlist', 'committee_vote', 'publicity', 'concluded')),
	CONSTRAINT "campaign_counts_visibility_known" CHECK("campaign"."counts_visibility" in ('live', 'after_close')),
	CONSTRAINT "campaign_slug_format" CHECK(length("campaign"."slug") between 1 and 40 and "campaign"."slug" not glob '*[^a-z0-9-]*'),
	CONSTRAINT "campaign_vote_window_ordered" CHECK("campaign"."vote_opens_at" is null or "campaign"."vote_closes_at" is null or "campaign"."vote_opens_at" < "campaign"."vote_closes_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_slug_unique` ON `campaign` (`slug`);--> statement-breakpoint
CREATE TABLE `campaign_stage_date` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`stage` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "campaign_stage_date_stage_known" CHECK("campaign_stage_date"."stage" in ('nomination', 'review', 'public_vote', 'second_shortlist', 'committee_vote', 'publicity', 'concluded')),
	CONSTRAINT "campaign_stage_date_ordered" CHECK("campaign_stage_date"."starts_on" <= "campaign_stage_date"."ends_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_stage_date_unique` ON `campaign_stage_date` (`campaign_id`,`stage`);--> statement-breakpoint
CREATE TABLE `track` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`quota` integer NOT NULL,
	`max_picks` integer NOT NULL,
	`min_picks` integer DEFAULT 1 NOT NULL,
	`ballots_per_device_per_day` integer DEFAULT 1 NOT NULL,
	`ballots_per_address_per_day` integer DEFAULT 50 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "track_kind_known" CHECK("track"."kind" in ('unit', 'individual')),
	CONSTRAINT "track_slug_format" CHECK(length("track"."slug") between 1 and 40 and "track"."slug" not glob '*[^a-z0-9-]*'),
	CONSTRAINT "track_quota_positive" CHECK("track"."quota" >= 1),
	CONSTRAINT "track_picks_bounds" CHECK("track"."min_picks" >= 1 and "track"."min_picks" <= "track"."max_picks" and "track"."max_picks" <= "track"."quota"),
	CONSTRAINT "track_device_limit_positive" CHECK("track"."ballots_per_device_per_day" >= 1),
	CONSTRAINT "track_address_limit_positive" CHECK("track"."ballots_per_address_per_day" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `track_campaign_slug_unique` ON `track` (`campaign_id`,`slug`);--> statement-breakpoint
CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "media_id_is_sha256" CHECK(length("media"."id") = 64),
	CONSTRAINT "media_type_is_image" CHECK("media"."content_type" in ('image/svg+xml', 'image/webp', 'image/avif', 'image/jpeg', 'image/png')),
	CONSTRAINT "media_size_positive" CHECK("media"."width" > 0 and "media"."height" > 0)
);
--> statement-breakpoint
CREATE TABLE `candidate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`track_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'nominated' NOT NULL,
	`name` text NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`district` text DEFAULT '' NOT NULL,
	`sector` text DEFAULT '' NOT NULL,
	`sex` text,
	`ethnicity` text,
	`birth` text,
	`native_place` text,
	`political_affiliation` text,
	`party_joined` text,
	`work_started` text,
	`education` text,
	`degree` text,
	`current_post` text,
	`cv` text,
	`head_name` text,
	`head_title` text,
	`summary` text DEFAULT '' NOT NULL,
	`deeds` text DEFAULT '' NOT NULL,
	`portrait_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `track`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`portrait_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "candidate_status_known" CHECK("candidate"."status" in ('nominated', 'shortlisted', 'second_shortlist', 'elected', 'not_elected', 'withdrawn')),
	CONSTRAINT "candidate_number_positive" CHECK("candidate"."number" >= 1),
	CONSTRAINT "candidate_name_present" CHECK(length(trim("candidate"."name")) between 1 and 100),
	CONSTRAINT "candidate_sex_known" CHECK("candidate"."sex" is null or "candidate"."sex" in ('男', '女')),
	CONSTRAINT "candidate_birth_format" CHECK("candidate"."birth" is null or "candidate"."birth" glob '[12][0-9][0-9][0-9]-[01][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidate_track_number_unique` ON `candidate` (`track_id`,`number`);--> statement-breakpoint
CREATE INDEX `candidate_campaign_status_idx` ON `candidate` (`campaign_id`,`status`);--> statement-breakpoint
CREATE TABLE `tally` (
	`candidate_id` integer PRIMARY KEY NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "tally_votes_not_negative" CHECK("tally"."votes" >= 0)
);
--> statement-breakpoint
CREATE TABLE `ballot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receipt` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`track_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`address_hash` text NOT NULL,
	`day` text NOT NULL,
	`device_seq` integer NOT NULL,
	`address_seq` integer NOT NULL,
	`status` text DEFAULT 'counted' NOT NULL,
	`invalid_reason` text,
	`invalidated_by` integer,
	`invalidated_at` integer,
	`cast_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`track_id`) REFERENCES `track`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invalidated_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "ballot_status_known" CHECK("ballot"."status" in ('counted', 'invalidated')),
	CONSTRAINT "ballot_seq_positive" CHECK("ballot"."device_seq" >= 1 and "ballot"."address_seq" >= 1),
	CONSTRAINT "ballot_invalidation_complete" CHECK(("ballot"."status" = 'counted' and "ballot"."invalid_reason" is null and "ballot"."invalidated_at" is null) or ("ballot"."status" = 'invalidated' and "ballot"."invalid_reason" is not null and "ballot"."invalidated_at" is not null)),
	CONSTRAINT "ballot_day_format" CHECK("ballot"."day" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_receipt_unique` ON `ballot` (`receipt`);--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_device_day_seq_unique` ON `ballot` (`track_id`,`device_hash`,`day`,`device_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_address_day_seq_unique` ON `ballot` (`track_id`,`address_hash`,`day`,`address_seq`);--> statement-breakpoint
CREATE INDEX `ballot_track_cast_idx` ON `ballot` (`track_id`,`cast_at`);--> statement-breakpoint
CREATE TABLE `ballot_pick` (
	`ballot_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `candidate_id`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballot`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `ballot_pick_candidate_idx` ON `ballot_pick` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `staff_session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_session_user_idx` ON `staff_session` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff_user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "staff_user_role_known" CHECK("staff_user"."role" in ('admin', 'editor', 'monitor', 'auditor')),
	CONSTRAINT "staff_user_email_lower" CHECK("staff_user"."email" = lower("staff_user"."email") and "staff_user"."email" like '%_@_%')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_email_unique` ON `staff_user` (`email`);--> statement-breakpoint
CREATE TABLE `notice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`slug` text NOT NULL,
	`serial` text NOT NULL,
	`title` text NOT NULL,
	`lead` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`report_phone` text NOT NULL,
	`report_address` text NOT NULL,
	`report_postcode` text NOT NULL,
	`report_visit` text NOT NULL,
	`report_web` text NOT NULL,
	`report_rules` text NOT NULL,
	`signature` text NOT NULL,
	`signed_on` text NOT NULL,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "notice_status_known" CHECK("notice"."status" in ('draft', 'published')),
	CONSTRAINT "notice_period_ordered" CHECK("notice"."period_start" <= "notice"."period_end"),
	CONSTRAINT "notice_published_has_date" CHECK(("notice"."status" = 'draft') or ("notice"."published_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_slug_unique` ON `notice` (`slug`);