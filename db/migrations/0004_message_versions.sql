DROP INDEX `messages_conversation_seq`;--> statement-breakpoint
ALTER TABLE `messages` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `selected` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_active_seq` ON `messages` (`conversation_id`,`seq`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `messages_parent` ON `messages` (`conversation_id`,`parent_id`);--> statement-breakpoint
-- Until now a conversation was a line: each message follows the one before it.
UPDATE `messages` SET `parent_id` = (
	SELECT p.`id` FROM `messages` p WHERE p.`conversation_id` = `messages`.`conversation_id` AND p.`seq` = `messages`.`seq` - 1
);
