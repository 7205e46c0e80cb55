import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Parameters are stored as JSON and validated by lib/params.ts when read (db never imports lib). */
export type StoredParams = Record<string, unknown>;

export type MessageStatus = "streaming" | "complete" | "stopped" | "error" | "length";

export interface MessageUsage {
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
  cachedTokens?: number;
  totalTokens?: number;
}

export interface MessageTimings {
  /** ms from request start to the first reasoning token */
  firstReasoningMs?: number;
  /** ms from request start to the first answer token */
  firstAnswerMs?: number;
  totalMs?: number;
  /** completion tokens per second, measured from the first token to the end */
  tokensPerSecond?: number;
}

export interface MessageError {
  code: string;
  message: string;
  statusCode?: number;
  retryable: boolean;
}

/** A side-by-side comparison: each column is a conversation of its own (params, model, history). */
export const comparisons = sqliteTable(
  "comparisons",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    /**
     * Blind A/B: the column ids in the shuffled order shown while blind (null when not blind). Stored so a
     * reload keeps the order; cleared by Reveal.
     */
    blindOrder: text("blind_order", { mode: "json" }).$type<string[]>(),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("comparisons_owner_updated").on(t.ownerId, t.updatedAt)],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    /** set when this conversation is a column of a comparison; such conversations are not listed as chats */
    comparisonId: text("comparison_id").references(() => comparisons.id, { onDelete: "cascade" }),
    columnIndex: integer("column_index"),
    providerId: text("provider_id").notNull(),
    modelId: text("model_id").notNull(),
    /** the panel's parameters as last used in this conversation */
    params: text("params", { mode: "json" }).$type<StoredParams>().notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("conversations_owner_updated").on(t.ownerId, t.updatedAt),
    index("conversations_comparison").on(t.comparisonId, t.columnIndex),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /**
     * position in its branch, 0-based (the depth in the tree of versions); unique among the active messages so
     * that two writers cannot interleave
     */
    seq: integer("seq").notNull(),
    /**
     * the message this one follows (null for a first message). Regenerate and edit-and-resend add a sibling —
     * another version — instead of replacing: the conversation is a tree, and its page shows one branch.
     */
    parentId: text("parent_id"),
    /** on the branch the conversation shows (the selected version at every level) */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** the chosen version among its siblings, remembered while another branch is shown */
    selected: integer("selected", { mode: "boolean" }).notNull().default(true),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull().default(""),
    reasoning: text("reasoning"),
    providerId: text("provider_id"),
    modelId: text("model_id"),
    /** parameters in our schema, as chosen in the panel */
    params: text("params", { mode: "json" }).$type<StoredParams>(),
    /** the exact sampling fields of the request body sent to the provider (wire names) */
    paramsSent: text("params_sent", { mode: "json" }).$type<Record<string, unknown>>(),
    usage: text("usage", { mode: "json" }).$type<MessageUsage>(),
    timings: text("timings", { mode: "json" }).$type<MessageTimings>(),
    finishReason: text("finish_reason"),
    status: text("status", { enum: ["streaming", "complete", "stopped", "error", "length"] })
      .notNull()
      .default("complete"),
    error: text("error", { mode: "json" }).$type<MessageError>(),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch() * 1000)`),
    /** the server process streaming this answer (instances.id) while status is "streaming" */
    instanceId: text("instance_id"),
  },
  (t) => [
    uniqueIndex("messages_active_seq").on(t.conversationId, t.seq).where(sql`active = 1`),
    index("messages_parent").on(t.conversationId, t.parentId),
    index("messages_status").on(t.status),
  ],
);

/**
 * Server processes using this database file, with a heartbeat: a starting instance marks an answer left
 * "streaming" as interrupted only when the process that streams it is gone (see lib/instance-lease.ts).
 */
export const instances = sqliteTable("instances", {
  id: text("id").primaryKey(),
  pid: integer("pid").notNull(),
  hostname: text("hostname").notNull(),
  startedAt: integer("started_at", { mode: "number" }).notNull(),
  heartbeatAt: integer("heartbeat_at", { mode: "number" }).notNull(),
});

/**
 * A public link: a read-only snapshot of a conversation or comparison taken at share/update time.
 * The token is random (not derived from any id); the snapshot holds no internal ids, URLs or keys.
 */
export const shares = sqliteTable(
  "shares",
  {
    token: text("token").primaryKey(),
    ownerId: text("owner_id").notNull(),
    kind: text("kind", { enum: ["conversation", "comparison"] }).notNull(),
    /** the shared conversation or comparison; its deletion deletes the link */
    targetId: text("target_id").notNull(),
    title: text("title").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
    expiresAt: integer("expires_at", { mode: "number" }),
    revokedAt: integer("revoked_at", { mode: "number" }),
  },
  (t) => [index("shares_owner").on(t.ownerId, t.createdAt), index("shares_target").on(t.kind, t.targetId)],
);

/**
 * Providers configured in the UI (/settings): a custom OpenAI-compatible endpoint (kind "custom"), or the
 * key of a preset entered by the user (kind "preset", id = the preset's id; name and base URL come from the
 * preset). Instance-wide, not per owner. Keys are encrypted at rest (lib/crypto) with a secret kept outside
 * the database; no query returns them to a client.
 */
export const providerConfigs = sqliteTable("provider_configs", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["preset", "custom"] }).notNull(),
  name: text("name"),
  baseUrl: text("base_url"),
  /** AES-256-GCM ciphertext (iv, tag and data, base64url), or null when no key is set */
  apiKeyEncrypted: text("api_key_encrypted"),
  /** the last 4 characters of the key, to show "•••• abcd" without decrypting */
  apiKeyHint: text("api_key_hint"),
  defaultModel: text("default_model"),
  createdAt: integer("created_at", { mode: "number" }).notNull(),
  updatedAt: integer("updated_at", { mode: "number" }).notNull(),
});

/** Named parameter sets (parameters and system prompt) saved by the user; built-ins live in code. */
export const paramPresets = sqliteTable(
  "param_presets",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    params: text("params", { mode: "json" }).$type<StoredParams>().notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("param_presets_owner_name").on(t.ownerId, t.name)],
);

/**
 * Effectiveness probes (lib/probe): per provider + model, the verdict for each sampling parameter with its
 * evidence, as JSON validated by lib/probe when read. Every run is kept; the latest is the one shown.
 */
export const paramProbes = sqliteTable(
  "param_probes",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    providerId: text("provider_id").notNull(),
    modelId: text("model_id").notNull(),
    results: text("results", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("param_probes_owner_model").on(t.ownerId, t.providerId, t.modelId, t.createdAt)],
);

/** What a blind vote was cast between: each column's answer and the settings it was generated with. */
export interface BlindCandidate {
  columnId: string;
  messageId: string;
  providerId: string;
  modelId: string;
  params: StoredParams;
}

/**
 * Blind A/B votes: for one user message (its 0-based position among the comparison's user messages), the
 * better column, or null for a tie. The candidates are a snapshot taken when voting, so the tallies do not
 * move when a column's settings change later. Counted in the Results once revealed.
 */
export const blindVotes = sqliteTable(
  "blind_votes",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    comparisonId: text("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    turn: integer("turn").notNull(),
    winnerColumnId: text("winner_column_id"),
    candidates: text("candidates", { mode: "json" }).$type<BlindCandidate[]>().notNull(),
    revealedAt: integer("revealed_at", { mode: "number" }),
    createdAt: integer("created_at", { mode: "number" }).notNull(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("blind_votes_comparison_turn").on(t.comparisonId, t.turn),
    index("blind_votes_owner_revealed").on(t.ownerId, t.revealedAt),
  ],
);

export type BlindVoteRow = typeof blindVotes.$inferSelect;
export type ProviderConfigRow = typeof providerConfigs.$inferSelect;
export type ParamPresetRow = typeof paramPresets.$inferSelect;
export type ParamProbeRow = typeof paramProbes.$inferSelect;
export type ShareRow = typeof shares.$inferSelect;
export type InstanceRow = typeof instances.$inferSelect;
export type ComparisonRow = typeof comparisons.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type NewMessageRow = typeof messages.$inferInsert;
