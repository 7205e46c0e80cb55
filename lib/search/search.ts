import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import * as sq from "@/db/queries/search";
import { getDb } from "@/lib/db";
import { toFtsQuery } from "./fts-query";
import type { SearchResult } from "./types";

const MAX_SEARCH_LENGTH = 200;
/** Results in one answer; the dialog shows them all. */
const SEARCH_LIMIT = 20;
/** A conversation shows at most this many of its matching messages, so one long chat cannot fill the list. */
const HITS_PER_CONVERSATION = 3;

/** `GET /api/search?q=` */
export const searchQuerySchema = z.object({
  q: z
    .string({ error: "Search text is required" })
    .trim()
    .min(1, "Search text cannot be empty")
    .max(MAX_SEARCH_LENGTH, `Search text must be at most ${MAX_SEARCH_LENGTH} characters`),
});

/**
 * The owner's chats and comparisons matching `text`: title matches first (the chat is likely the one
 * meant), then matching messages by relevance, at most HITS_PER_CONVERSATION per conversation (a
 * comparison's columns count as one: they share their questions). Text with no word in it finds nothing.
 */
export async function search(ownerId: string, text: string, db: Db = getDb()): Promise<SearchResult[]> {
  const query = toFtsQuery(text);
  if (!query) return [];
  const results: SearchResult[] = [];

  const titles = [
    ...(await sq.searchTitles(db, "comparison", ownerId, query, SEARCH_LIMIT)).map((hit) => ({
      hit,
      comparison: true,
    })),
    ...(await sq.searchTitles(db, "chat", ownerId, query, SEARCH_LIMIT)).map((hit) => ({
      hit,
      comparison: false,
    })),
  ].sort((a, b) => a.hit.rank - b.hit.rank || b.hit.updatedAt - a.hit.updatedAt);
  for (const { hit, comparison } of titles.slice(0, SEARCH_LIMIT / 2)) {
    results.push({
      conversationId: comparison ? null : hit.id,
      comparisonId: comparison ? hit.id : null,
      title: await sq.titleHighlight(db, comparison ? "comparison" : "chat", query, hit.key),
      messageId: null,
      role: null,
      field: "title",
      snippet: "",
      updatedAt: hit.updatedAt,
    });
  }

  const perTarget = new Map<string, number>();
  const sharedQuestions = new Set<string>();
  // Enough candidates that dropping the surplus of a few conversations still fills the list.
  for (const hit of await sq.searchMessages(db, ownerId, query, SEARCH_LIMIT * HITS_PER_CONVERSATION)) {
    if (results.length >= SEARCH_LIMIT) break;
    const target = hit.comparisonId ?? hit.conversationId;
    const count = perTarget.get(target) ?? 0;
    if (count >= HITS_PER_CONVERSATION) continue;
    // Every column of a comparison holds the same question: show it once.
    if (hit.comparisonId && hit.role === "user") {
      const key = `${hit.comparisonId}:${hit.seq}`;
      if (sharedQuestions.has(key)) continue;
      sharedQuestions.add(key);
    }
    perTarget.set(target, count + 1);
    results.push({
      conversationId: hit.conversationId,
      comparisonId: hit.comparisonId,
      title: hit.title,
      messageId: hit.messageId,
      role: hit.role,
      ...(await sq.messageSnippet(db, query, hit.key)),
      updatedAt: hit.updatedAt,
    });
  }
  return results;
}
