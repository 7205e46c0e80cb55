import type { MessageRow } from "@/db/schema";

type Row = Pick<MessageRow, "id" | "parentId" | "seq" | "active" | "role" | "content">;

/**
 * The messages an answer was generated from, oldest first: its ancestors through `parentId`, which is the
 * branch that was active when it was sent, whatever version the conversation shows now. Undefined when the
 * chain is broken (it never is for rows the app wrote).
 */
export function answerAncestors<R extends Row>(rows: readonly R[], answerId: string): R[] | undefined {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: R[] = [];
  let at = byId.get(answerId)?.parentId ?? null;
  while (at !== null) {
    const row = byId.get(at);
    if (!row || out.length > rows.length) return undefined;
    out.push(row);
    at = row.parentId;
  }
  return out.reverse();
}

/** What a new message would follow: the branch the conversation shows. */
export function activeBranch<R extends Row>(rows: readonly R[]): R[] {
  return rows.filter((r) => r.active).sort((a, b) => a.seq - b.seq);
}
