CREATE TABLE `instances` (
	`id` text PRIMARY KEY NOT NULL,
	`pid` integer NOT NULL,
	`hostname` text NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `instance_id` text;--> statement-breakpoint
CREATE INDEX `messages_status` ON `messages` (`status`);