/** One result of `GET /api/search`: a conversation (or comparison) and, when a message matched, that message. */
export interface SearchResult {
  /** null for a comparison whose title matched */
  conversationId: string | null;
  /** set when the conversation is a column of a comparison: the result opens the comparison */
  comparisonId: string | null;
  /** with MARK_START/MARK_END around the matched words when the title matched */
  title: string;
  /** the matched message; null when only the title matched */
  messageId: string | null;
  role: "user" | "assistant" | null;
  /** where the snippet comes from */
  field: "title" | "content" | "reasoning";
  /** the best passage of the message, matches marked; "" for a title match */
  snippet: string;
  updatedAt: number;
}

export interface SearchResponse {
  results: SearchResult[];
}

/** Where a result opens: the chat (at the message when one matched) or the comparison. */
export function resultHref(r: SearchResult): string {
  const base = r.comparisonId
    ? `/compare/${encodeURIComponent(r.comparisonId)}`
    : `/c/${encodeURIComponent(r.conversationId ?? "")}`;
  // A comparison opens at its columns' latest messages: only a chat scrolls to the message.
  return r.messageId && !r.comparisonId ? `${base}?m=${encodeURIComponent(r.messageId)}` : base;
}
