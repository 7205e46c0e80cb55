CREATE TABLE "blind_votes" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"comparison_id" text NOT NULL,
	"turn" integer NOT NULL,
	"winner_column_id" text,
	"candidates" json NOT NULL,
	"revealed_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparisons" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"title" text NOT NULL,
	"blind_order" json,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"title" text NOT NULL,
	"comparison_id" text,
	"column_index" integer,
	"provider_id" text NOT NULL,
	"model_id" text NOT NULL,
	"params" json NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"id" text PRIMARY KEY NOT NULL,
	"pid" integer NOT NULL,
	"hostname" text NOT NULL,
	"started_at" bigint NOT NULL,
	"heartbeat_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"parent_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"selected" boolean DEFAULT true NOT NULL,
	"role" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"reasoning" text,
	"provider_id" text,
	"model_id" text,
	"params" json,
	"params_sent" json,
	"usage" json,
	"timings" json,
	"finish_reason" text,
	"status" text DEFAULT 'complete' NOT NULL,
	"error" json,
	"created_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"instance_id" text
);
--> statement-breakpoint
CREATE TABLE "param_presets" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"params" json NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "param_probes" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"model_id" text NOT NULL,
	"results" json NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_configs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"base_url" text,
	"api_key_encrypted" text,
	"api_key_hint" text,
	"default_model" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"token" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"title" text NOT NULL,
	"snapshot" json NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"expires_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
ALTER TABLE "blind_votes" ADD CONSTRAINT "blind_votes_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "blind_votes_comparison_turn" ON "blind_votes" USING btree ("comparison_id","turn");--> statement-breakpoint
CREATE INDEX "blind_votes_owner_revealed" ON "blind_votes" USING btree ("owner_id","revealed_at");--> statement-breakpoint
CREATE INDEX "comparisons_owner_updated" ON "comparisons" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "conversations_owner_updated" ON "conversations" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "conversations_comparison" ON "conversations" USING btree ("comparison_id","column_index");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_active_seq" ON "messages" USING btree ("conversation_id","seq") WHERE active;--> statement-breakpoint
CREATE INDEX "messages_parent" ON "messages" USING btree ("conversation_id","parent_id");--> statement-breakpoint
CREATE INDEX "messages_status" ON "messages" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "param_presets_owner_name" ON "param_presets" USING btree ("owner_id","name");--> statement-breakpoint
CREATE INDEX "param_probes_owner_model" ON "param_probes" USING btree ("owner_id","provider_id","model_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_owner" ON "shares" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_target" ON "shares" USING btree ("kind","target_id");