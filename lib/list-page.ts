import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Rows of the sidebar's lists per request: enough to fill a tall window, small enough to render at once. */
export const LIST_PAGE_SIZE = 50;
const MAX_LIST_PAGE_SIZE = 200;
/**
 * What a page's server render puts in the sidebar: a screen of chats and a few comparisons. Every row is
 * HTML in every page, so the rest comes from the API as the sidebar is scrolled.
 */
export const SIDEBAR_FIRST_PAGE = { conversations: 30, comparisons: 10 } as const;

/** `GET /api/conversations` and `/api/comparisons`: `?cursor=` (the previous page's `nextCursor`) and `?limit=`. */
export const listPageQuerySchema = z.object({
  cursor: z.string().min(1, "Cursor cannot be empty").max(400, "Cursor is too long").optional(),
  limit: z.coerce
    .number()
    .int("Limit must be a whole number")
    .min(1, "Limit must be at least 1")
    .max(MAX_LIST_PAGE_SIZE, `Limit must be at most ${MAX_LIST_PAGE_SIZE}`)
    .default(LIST_PAGE_SIZE),
});

/** Where a page ends in a list ordered by (updatedAt, id) descending. */
export interface ListPosition {
  updatedAt: number;
  id: string;
}

/**
 * The position after which the next page starts, opaque to clients. Keyset, not an offset: a conversation
 * that moves to the top while someone scrolls neither repeats nor pushes another one out of the next page.
 */
export function encodeListCursor(p: ListPosition): string {
  return Buffer.from(`${p.updatedAt}:${p.id}`, "utf8").toString("base64url");
}

/** The position of a cursor made by encodeListCursor; a 400 naming `cursor` for anything else. */
export function decodeListCursor(cursor: string): ListPosition {
  const match = /^(\d{1,16}):(.+)$/s.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || encodeListCursor({ updatedAt: Number(match[1]), id: match[2] }) !== cursor) {
    throw new AppError("invalid_request", "Invalid cursor: pass the nextCursor of a previous page", [
      { field: "cursor", message: "Invalid cursor" },
    ]);
  }
  return { updatedAt: Number(match[1]), id: match[2] };
}

/** A page of `limit` rows from `limit + 1` fetched: the extra row only says whether there is more. */
export function toPage<T extends ListPosition>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeListCursor(last) : null };
}

/**
 * One page of a list: `page.limit` rows (LIST_PAGE_SIZE by default) after `page.cursor`, read by `query` as
 * `limit + 1` rows after a position.
 */
export async function readListPage<T extends ListPosition>(
  page: { cursor?: string; limit?: number },
  query: (window: { limit: number; after: ListPosition | undefined }) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = page.limit ?? LIST_PAGE_SIZE;
  const after = page.cursor === undefined ? undefined : decodeListCursor(page.cursor);
  return toPage(await query({ limit: limit + 1, after }), limit);
}
