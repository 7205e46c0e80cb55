CREATE TABLE `param_probes` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`model_id` text NOT NULL,
	`results` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `param_probes_owner_model` ON `param_probes` (`owner_id`,`provider_id`,`model_id`,`created_at`);