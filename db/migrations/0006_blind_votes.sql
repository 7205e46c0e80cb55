CREATE TABLE `blind_votes` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`comparison_id` text NOT NULL,
	`turn` integer NOT NULL,
	`winner_column_id` text,
	`candidates` text NOT NULL,
	`revealed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`comparison_id`) REFERENCES `comparisons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `blind_votes_comparison_turn` ON `blind_votes` (`comparison_id`,`turn`);--> statement-breakpoint
CREATE INDEX `blind_votes_owner_revealed` ON `blind_votes` (`owner_id`,`revealed_at`);--> statement-breakpoint
ALTER TABLE `comparisons` ADD `blind_order` text;