import "server-only";
import type { Database } from "better-sqlite3";
import { MARK_END, MARK_START } from "@/lib/search/snippet";
import type { Db } from "../client";

/** Words of context around the matches in a message snippet. */
const SNIPPET_TOKENS = 16;

export interface MessageHit {
  rowid: number;
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
  rowid: number;
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
      SELECT hit.rowid, hit.messageId, hit.role, hit.seq, hit.conversationId, hit.comparisonId, hit.title,
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
      SELECT c.rowid AS rowid, f.rank AS rank, c.id AS id, c.updated_at AS updatedAt
      FROM (${ranked("conversations_fts")}) f JOIN conversations c ON c.rowid = f.rowid
      WHERE c.owner_id = @ownerId
      ORDER BY f.rank, c.updated_at DESC
      LIMIT @limit`),
    chatTitle: sqlite.prepare<{ query: string; rowid: number }, { title: string }>(`
      SELECT highlight(conversations_fts, 0, ${marks}) AS title
      FROM conversations_fts WHERE conversations_fts MATCH @query AND rowid = CAST(@rowid AS INTEGER)`),
    comparisons: sqlite.prepare<{ query: string; ownerId: string; limit: number }, TitleHit>(`
      SELECT c.rowid AS rowid, f.rank AS rank, c.id AS id, c.updated_at AS updatedAt
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

function prepared(db: Db): Statements {
  let s = statements.get(db.$client);
  if (!s) {
    s = build(db.$client);
    statements.set(db.$client, s);
  }
  return s;
}

/** `query` is an FTS5 query built by lib/search/fts-query.ts (user input never reaches it unquoted). */
export function searchMessages(db: Db, ownerId: string, query: string, limit: number): MessageHit[] {
  return prepared(db).messages.all({ query, ownerId, limit });
}

/** The best passage of a matched message, with markers around the matches, and the column it is in. */
export function messageSnippet(
  db: Db,
  query: string,
  rowid: number,
): { field: "content" | "reasoning"; snippet: string } {
  const row = prepared(db).messageSnippets.get({ query, rowid });
  if (!row) return { field: "content", snippet: "" };
  // A column without a match gives its first words unmarked: prefer the answer's text when it matched.
  if (row.content.includes(MARK_START) || !row.reasoning.includes(MARK_START)) {
    return { field: "content", snippet: row.content };
  }
  return { field: "reasoning", snippet: row.reasoning };
}

/** Chats (not comparison columns) whose title matches, best first. */
export function searchChatTitles(db: Db, ownerId: string, query: string, limit: number): TitleHit[] {
  return prepared(db).chats.all({ query, ownerId, limit });
}

export function chatTitleHighlight(db: Db, query: string, rowid: number): string {
  return prepared(db).chatTitle.get({ query, rowid })?.title ?? "";
}

/** Comparisons whose title matches, best first. */
export function searchComparisonTitles(db: Db, ownerId: string, query: string, limit: number): TitleHit[] {
  return prepared(db).comparisons.all({ query, ownerId, limit });
}

export function comparisonTitleHighlight(db: Db, query: string, rowid: number): string {
  return prepared(db).comparisonTitle.get({ query, rowid })?.title ?? "";
}
