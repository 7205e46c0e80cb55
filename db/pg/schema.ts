/**
 * The PostgreSQL mirror of db/schema.ts: the same exported tables, JS property names, SQL names, keys and
 * indexes (db/pg/schema-parity.test.ts fails when they drift). Timestamps stay integer milliseconds (bigint),
 * booleans are `boolean`, JSON columns `json` (not jsonb: params_sent keeps the exact key order sent).
 * Migrations: `npm run db:generate:pg` into db/pg/migrations (never edit a committed one).
 *
 * Full-text search (migration 0001_search, hand-written) adds what SQLite's FTS5 tables give, as generated
 * columns that are NOT declared here, so that `select()` of a row never reads them:
 *   messages.search_vector       content (weight A) and reasoning (weight B); NULL while status = 'streaming'
 *   conversations.search_vector  title; NULL for a comparison's column (comparison_id set), as in SQLite
 *   comparisons.search_vector    title
 * each `tsvector` with a GIN index (messages_search, conversations_search, comparisons_search), under the
 * text search configuration `playground_search`: 'simple' (no stemming, no stop words, lower-cased) with the
 * `unaccent` dictionary first, as SQLite's `unicode61 remove_diacritics 2`. Query them with the same
 * configuration: `search_vector @@ to_tsquery('playground_search', 'cafe:* & flore:*')`, and
 * `ts_headline('playground_search', content, query, …)` for a snippet (it unaccents the same way).
 *
 * This file imports only packages (and types), so the db:copy CLI can load it with Node's type stripping.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, json, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { BlindCandidate, MessageError, MessageTimings, MessageUsage, StoredParams } from "../schema";

/** epoch milliseconds, as SQLite's `unixepoch() * 1000` (PostgreSQL keeps the milliseconds) */
const nowMs = sql`(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)`;

const ms = (name: string) => bigint(name, { mode: "number" });

export const comparisons = pgTable(
  "comparisons",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    blindOrder: json("blind_order").$type<string[]>(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [index("comparisons_owner_updated").on(t.ownerId, t.updatedAt)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    comparisonId: text("comparison_id").references(() => comparisons.id, { onDelete: "cascade" }),
    columnIndex: integer("column_index"),
    providerId: text("provider_id").notNull(),
    modelId: text("model_id").notNull(),
    params: json("params").$type<StoredParams>().notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [
    index("conversations_owner_updated").on(t.ownerId, t.updatedAt),
    index("conversations_comparison").on(t.comparisonId, t.columnIndex),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    parentId: text("parent_id"),
    active: boolean("active").notNull().default(true),
    selected: boolean("selected").notNull().default(true),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull().default(""),
    reasoning: text("reasoning"),
    providerId: text("provider_id"),
    modelId: text("model_id"),
    params: json("params").$type<StoredParams>(),
    paramsSent: json("params_sent").$type<Record<string, unknown>>(),
    usage: json("usage").$type<MessageUsage>(),
    timings: json("timings").$type<MessageTimings>(),
    finishReason: text("finish_reason"),
    status: text("status", { enum: ["streaming", "complete", "stopped", "error", "length"] })
      .notNull()
      .default("complete"),
    error: json("error").$type<MessageError>(),
    createdAt: ms("created_at").notNull().default(nowMs),
    instanceId: text("instance_id"),
  },
  (t) => [
    uniqueIndex("messages_active_seq").on(t.conversationId, t.seq).where(sql`active`),
    index("messages_parent").on(t.conversationId, t.parentId),
    index("messages_status").on(t.status),
  ],
);

export const instances = pgTable("instances", {
  id: text("id").primaryKey(),
  pid: integer("pid").notNull(),
  hostname: text("hostname").notNull(),
  startedAt: ms("started_at").notNull(),
  heartbeatAt: ms("heartbeat_at").notNull(),
});

export const shares = pgTable(
  "shares",
  {
    token: text("token").primaryKey(),
    ownerId: text("owner_id").notNull(),
    kind: text("kind", { enum: ["conversation", "comparison"] }).notNull(),
    targetId: text("target_id").notNull(),
    title: text("title").notNull(),
    snapshot: json("snapshot").$type<Record<string, unknown>>().notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
    expiresAt: ms("expires_at"),
    revokedAt: ms("revoked_at"),
  },
  (t) => [index("shares_owner").on(t.ownerId, t.createdAt), index("shares_target").on(t.kind, t.targetId)],
);

export const providerConfigs = pgTable("provider_configs", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["preset", "custom"] }).notNull(),
  name: text("name"),
  baseUrl: text("base_url"),
  apiKeyEncrypted: text("api_key_encrypted"),
  apiKeyHint: text("api_key_hint"),
  defaultModel: text("default_model"),
  createdAt: ms("created_at").notNull(),
  updatedAt: ms("updated_at").notNull(),
});

export const paramPresets = pgTable(
  "param_presets",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    params: json("params").$type<StoredParams>().notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [uniqueIndex("param_presets_owner_name").on(t.ownerId, t.name)],
);

export const paramProbes = pgTable(
  "param_probes",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    providerId: text("provider_id").notNull(),
    modelId: text("model_id").notNull(),
    results: json("results").$type<Record<string, unknown>>().notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [index("param_probes_owner_model").on(t.ownerId, t.providerId, t.modelId, t.createdAt)],
);

export const blindVotes = pgTable(
  "blind_votes",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    comparisonId: text("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    turn: integer("turn").notNull(),
    winnerColumnId: text("winner_column_id"),
    candidates: json("candidates").$type<BlindCandidate[]>().notNull(),
    revealedAt: ms("revealed_at"),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("blind_votes_comparison_turn").on(t.comparisonId, t.turn),
    index("blind_votes_owner_revealed").on(t.ownerId, t.revealedAt),
  ],
);
