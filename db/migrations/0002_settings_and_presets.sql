CREATE TABLE `param_presets` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `param_presets_owner_name` ON `param_presets` (`owner_id`,`name`);--> statement-breakpoint
CREATE TABLE `provider_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`base_url` text,
	`api_key_encrypted` text,
	`api_key_hint` text,
	`default_model` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
