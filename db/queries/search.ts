import "server-only";
import type { Database } from "better-sqlite3";
import { sql } from "drizzle-orm";
import { MARK_END, MARK_START } from "@/lib/search/snippet";
import { type Db, first, rows, sqliteClient } from "../client";

/** Words of context around the matches in a message snippet. */
const SNIPPET_TOKENS = 16;

/** Where a hit's snippet or highlight is read again: SQLite's rowid, PostgreSQL's row id. */
type HitKey = number | string;

export interface MessageHit {
  key: HitKey;
  messageId: string;
  role: "user" | "assistant";
  seq: number;
  conversationId: string;
  comparisonId: string | null;
  /** the chat's title, or the comparison's for a column */
  title: string;
  updatedAt: number;
}

export interface TitleHit {
  key: HitKey;
  /** bm25: lower is better */
  rank: number;
  id: string;
  updatedAt: number;
}

/**
 * Relevance (bm25) is computed for the RANK_WINDOW most recently written matches only (rowid order: a
 * message's rowid grows with each insert), best first, the newer on ties. A word found in every message
 * would otherwise be scored 40,000 times (30 ms in FTS5 alone); a rarer word has fewer matches than the
 * window, and all of them are ranked. Ids, titles and owners are read for the rows returned only, and
 * snippets and highlights, which tokenize the text again, for the few rows shown. Messages of a branch not
 * shown (an earlier version, kept by regenerate or edit) are left out: the page could not open at them.
 */
const RANK_WINDOW = 2000;

function build(sqlite: Database) {
  // A rowid is bound as a JS number, which SQLite receives as REAL; FTS5 then ignores the rowid constraint
  // beside MATCH and returns every match, so the snippet queries cast it.
  const marks = `'${MARK_START}', '${MARK_END}'`;
  // FTS5 walks a MATCH in rowid order with a LIMIT without reading the rest; the outer query ranks that window.
  const ranked = (table: string) => `
      SELECT rowid, rank FROM (
        SELECT rowid, rank FROM ${table} WHERE ${table} MATCH @query ORDER BY rowid DESC LIMIT ${RANK_WINDOW}
      )`;
  return {
    messages: sqlite.prepare<{ query: string; ownerId: string; limit: number }, MessageHit>(`
      SELECT hit.rowid AS key, hit.messageId, hit.role, hit.seq, hit.conversationId, hit.comparisonId, hit.title,
        hit.updatedAt
      FROM (
        SELECT m.rowid AS rowid, f.rank AS rank, m.id AS messageId, m.role AS role, m.seq AS seq,
          m.conversation_id AS conversationId, c.comparison_id AS comparisonId,
          coalesce(cmp.title, c.title) AS title, coalesce(cmp.updated_at, c.updated_at) AS updatedAt
        FROM (${ranked("messages_fts")}) f
        JOIN messages m ON m.rowid = f.rowid
        JOIN conversations c ON c.id = m.conversation_id
        LEFT JOIN comparisons cmp ON cmp.id = c.comparison_id
        WHERE c.owner_id = @ownerId
        ORDER BY f.rank, f.rowid DESC
        LIMIT @limit
      ) hit
      -- active is stored after the text (overflow pages of a long answer): read for these rows only.
      JOIN messages a ON a.rowid = hit.rowid
      WHERE a.active = 1
      ORDER BY hit.rank, hit.rowid DESC`),
    messageSnippets: sqlite.prepare<
      { query: string; rowid: number },
      { content: string; reasoning: string }
    >(`
      SELECT snippet(messages_fts, 0, ${marks}, '…', ${SNIPPET_TOKENS}) AS content,
        snippet(messages_fts, 1, ${marks}, '…', ${SNIPPET_TOKENS}) AS reasoning
      FROM messages_fts WHERE messages_fts MATCH @query AND rowid = CAST(@rowid AS INTEGER)`),
    chats: sqlite.prepare<{ query: string; ownerId: string; limit: number }, TitleHit>(`
      SELECT c.rowid AS key, f.rank AS rank, c.id AS id, c.updated_at AS updatedAt
      FROM (${ranked("conversations_fts")}) f JOIN conversations c ON c.rowid = f.rowid
      WHERE c.owner_id = @ownerId
      ORDER BY f.rank, c.updated_at DESC
      LIMIT @limit`),
    chatTitle: sqlite.prepare<{ query: string; rowid: number }, { title: string }>(`
      SELECT highlight(conversations_fts, 0, ${marks}) AS title
      FROM conversations_fts WHERE conversations_fts MATCH @query AND rowid = CAST(@rowid AS INTEGER)`),
    comparisons: sqlite.prepare<{ query: string; ownerId: string; limit: number }, TitleHit>(`
      SELECT c.rowid AS key, f.rank AS rank, c.id AS id, c.updated_at AS updatedAt
      FROM (${ranked("comparisons_fts")}) f JOIN comparisons c ON c.rowid = f.rowid
      WHERE c.owner_id = @ownerId
      ORDER BY f.rank, c.updated_at DESC
      LIMIT @limit`),
    comparisonTitle: sqlite.prepare<{ query: string; rowid: number }, { title: string }>(`
      SELECT highlight(comparisons_fts, 0, ${marks}) AS title
      FROM comparisons_fts WHERE comparisons_fts MATCH @query AND rowid = CAST(@rowid AS INTEGER)`),
  };
}

type Statements = ReturnType<typeof build>;
const statements = new WeakMap<Database, Statements>();

function prepared(sqlite: Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = build(sqlite);
    statements.set(sqlite, s);
  }
  return s;
}

/*
 * PostgreSQL: the generated tsvector columns of db/pg/migrations/0001_search.sql, under the same text search
 * configuration (simple + unaccent, as FTS5's unicode61 remove_diacritics). ts_rank stands for bm25 (higher
 * is better: negated so that, as with bm25, lower ranks first), over the same window of the most recent matches.
 */

/** The tsquery of an FTS5 query of lib/search/fts-query.ts: its quoted words, all required, `*` a prefix. */
function ftsToTsQuery(query: string): string {
  return [...query.matchAll(/"([^"]*)"(\*)?/g)]
    .map(([, word, star]) => `${word}${star ? ":*" : ""}`)
    .join(" & ");
}

const tsQuery = (query: string) => sql`to_tsquery('playground_search', ${ftsToTsQuery(query)})`;
const MARKS = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
/** A passage around the matches, as FTS5's snippet(); a title is marked whole, as highlight(). */
const SNIPPET_OPTIONS = `${MARKS}, MaxWords=${SNIPPET_TOKENS}, MinWords=${Math.ceil(SNIPPET_TOKENS / 2)}, ShortWord=0`;
const TITLE_OPTIONS = `${MARKS}, HighlightAll=true`;

function pgRecentMatches(table: "messages" | "conversations" | "comparisons", query: string) {
  // Normalized by the log of the length (option 1), as bm25 favours the shorter of two matches.
  return sql`SELECT id, ts_rank(search_vector, ${tsQuery(query)}, 1) AS score FROM (
    SELECT id, search_vector FROM ${sql.identifier(table)} WHERE search_vector @@ ${tsQuery(query)}
    ORDER BY ${sql.raw(table === "messages" ? "created_at" : "updated_at")} DESC LIMIT ${RANK_WINDOW}
  ) recent`;
}

/** `query` is an FTS5 query built by lib/search/fts-query.ts (user input never reaches it unquoted). */
export async function searchMessages(
  db: Db,
  ownerId: string,
  query: string,
  limit: number,
): Promise<MessageHit[]> {
  const sqlite = sqliteClient(db);
  if (sqlite) return prepared(sqlite).messages.all({ query, ownerId, limit });
  return rows<MessageHit>(
    db,
    sql`SELECT m.id AS key, m.id AS "messageId", m.role, m.seq, m.conversation_id AS "conversationId",
        c.comparison_id AS "comparisonId", coalesce(cmp.title, c.title) AS title,
        coalesce(cmp.updated_at, c.updated_at) AS "updatedAt"
      FROM (${pgRecentMatches("messages", query)}) f
      JOIN messages m ON m.id = f.id
      JOIN conversations c ON c.id = m.conversation_id
      LEFT JOIN comparisons cmp ON cmp.id = c.comparison_id
      WHERE c.owner_id = ${ownerId} AND m.active
      ORDER BY f.score DESC, m.created_at DESC
      LIMIT ${limit}`,
  );
}

/** The best passage of a matched message, with markers around the matches, and the column it is in. */
export async function messageSnippet(
  db: Db,
  query: string,
  key: HitKey,
): Promise<{ field: "content" | "reasoning"; snippet: string }> {
  const sqlite = sqliteClient(db);
  const row = sqlite
    ? prepared(sqlite).messageSnippets.get({ query, rowid: Number(key) })
    : await first(
        rows<{ content: string; reasoning: string }>(
          db,
          sql`SELECT ts_headline('playground_search', content, ${tsQuery(query)}, ${SNIPPET_OPTIONS}) AS content,
              ts_headline('playground_search', coalesce(reasoning, ''), ${tsQuery(query)}, ${SNIPPET_OPTIONS}) AS reasoning
            FROM messages WHERE id = ${String(key)}`,
        ),
      );
  if (!row) return { field: "content", snippet: "" };
  // A column without a match gives its first words unmarked: prefer the answer's text when it matched.
  if (row.content.includes(MARK_START) || !row.reasoning.includes(MARK_START)) {
    return { field: "content", snippet: row.content };
  }
  return { field: "reasoning", snippet: row.reasoning };
}

function pgTitles(
  db: Db,
  table: "conversations" | "comparisons",
  ownerId: string,
  query: string,
  limit: number,
) {
  return rows<TitleHit>(
    db,
    sql`SELECT t.id AS key, -f.score AS rank, t.id, t.updated_at AS "updatedAt"
      FROM (${pgRecentMatches(table, query)}) f JOIN ${sql.identifier(table)} t ON t.id = f.id
      WHERE t.owner_id = ${ownerId}
      ORDER BY f.score DESC, t.updated_at DESC
      LIMIT ${limit}`,
  );
}

async function pgTitleHighlight(db: Db, table: "conversations" | "comparisons", query: string, key: HitKey) {
  const row = await first(
    rows<{ title: string }>(
      db,
      sql`SELECT ts_headline('playground_search', title, ${tsQuery(query)}, ${TITLE_OPTIONS}) AS title
        FROM ${sql.identifier(table)} WHERE id = ${String(key)}`,
    ),
  );
  return row?.title ?? "";
}

/** Which titles: chats (not comparison columns) or comparisons. */
export type TitleKind = "chat" | "comparison";
const TITLE_TABLE = { chat: "conversations", comparison: "comparisons" } as const;

/** Chats or comparisons whose title matches, best first. */
export async function searchTitles(
  db: Db,
  kind: TitleKind,
  ownerId: string,
  query: string,
  limit: number,
): Promise<TitleHit[]> {
  const sqlite = sqliteClient(db);
  if (!sqlite) return pgTitles(db, TITLE_TABLE[kind], ownerId, query, limit);
  const s = prepared(sqlite);
  return (kind === "chat" ? s.chats : s.comparisons).all({ query, ownerId, limit });
}

/** The title of a hit of searchTitles, with markers around the matches. */
export async function titleHighlight(db: Db, kind: TitleKind, query: string, key: HitKey): Promise<string> {
  const sqlite = sqliteClient(db);
  if (!sqlite) return pgTitleHighlight(db, TITLE_TABLE[kind], query, key);
  const s = prepared(sqlite);
  return (kind === "chat" ? s.chatTitle : s.comparisonTitle).get({ query, rowid: Number(key) })?.title ?? "";
}
