CREATE TABLE `ballot_count` (
	`track_id` integer NOT NULL,
	`status` text NOT NULL,
	`ballots` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`track_id`, `status`),
	FOREIGN KEY (`track_id`) REFERENCES `track`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "ballot_count_status_known" CHECK("ballot_count"."status" in ('counted', 'invalidated')),
	CONSTRAINT "ballot_count_not_negative" CHECK("ballot_count"."ballots" >= 0)
);
