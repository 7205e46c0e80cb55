import "server-only";
import { and, asc, desc, eq, inArray, lt, max, or, sql } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import {
  type ComparisonRow,
  type ConversationRow,
  comparisons,
  conversations,
  messages,
  type StoredParams,
} from "../schema";
import type { ListAfter } from "./conversations";

// Every function takes the owner and filters by it inside the query.

export interface NewColumn {
  id: string;
  providerId: string;
  modelId: string;
  params: StoredParams;
}

export interface ComparisonListRow {
  id: string;
  title: string;
  columnCount: number;
  createdAt: number;
  updatedAt: number;
}

/** Newest first, at most `limit` after `after` (keyset on the (owner_id, updated_at) index, id breaks ties). */
export function listComparisons(
  db: Db,
  ownerId: string,
  page: { limit: number; after?: ListAfter },
): ComparisonListRow[] {
  const { after } = page;
  return db
    .select({
      id: comparisons.id,
      title: comparisons.title,
      // One query for the page, not one per row: the count reads the (comparison_id, column_index) index.
      // Spelled out: drizzle leaves columns unqualified in a one-table select, and inside the subquery an
      // unqualified "id" would be the column's own.
      columnCount: sql<number>`(select count(*) from "conversations" where "conversations"."comparison_id" = "comparisons"."id")`,
      createdAt: comparisons.createdAt,
      updatedAt: comparisons.updatedAt,
    })
    .from(comparisons)
    .where(
      and(
        eq(comparisons.ownerId, ownerId),
        after
          ? or(
              lt(comparisons.updatedAt, after.updatedAt),
              and(eq(comparisons.updatedAt, after.updatedAt), lt(comparisons.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(comparisons.updatedAt), desc(comparisons.id))
    .limit(page.limit)
    .all();
}

/** The titles of these comparisons that are the owner's (the shared-links page names their targets). */
export function comparisonTitles(db: Db, ownerId: string, ids: string[]): { id: string; title: string }[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: comparisons.id, title: comparisons.title })
    .from(comparisons)
    .where(and(eq(comparisons.ownerId, ownerId), inArray(comparisons.id, ids)))
    .all();
}

/** Whether any comparison (of any owner) has this id: a new one cannot take it. */
export function comparisonIdTaken(db: Db, id: string): boolean {
  return Boolean(db.select({ id: comparisons.id }).from(comparisons).where(eq(comparisons.id, id)).get());
}

export function getComparison(db: Db, ownerId: string, id: string): ComparisonRow | undefined {
  return db
    .select()
    .from(comparisons)
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)))
    .get();
}

/** The columns of an owned comparison, in order. */
export function getColumns(db: Db, ownerId: string, comparisonId: string): ConversationRow[] {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.comparisonId, comparisonId), eq(conversations.ownerId, ownerId)))
    .orderBy(asc(conversations.columnIndex))
    .all();
}

export function createComparison(
  db: Db,
  ownerId: string,
  c: { id: string; title: string; columns: NewColumn[] },
  now = Date.now(),
): ComparisonRow {
  return writeTransaction(db, () => {
    const row = db
      .insert(comparisons)
      .values({ id: c.id, ownerId, title: c.title, createdAt: now, updatedAt: now })
      .returning()
      .get();
    c.columns.forEach((col, i) => {
      db.insert(conversations)
        .values({
          ...col,
          ownerId,
          title: c.title,
          comparisonId: c.id,
          columnIndex: i,
          createdAt: now,
          updatedAt: now,
        })
        .run();
    });
    return row;
  });
}

/** Append a column; returns undefined when the comparison is not the owner's. */
export function addColumn(
  db: Db,
  ownerId: string,
  comparisonId: string,
  col: NewColumn,
): ConversationRow | undefined {
  return writeTransaction(db, () => {
    const cmp = db
      .select()
      .from(comparisons)
      .where(and(eq(comparisons.id, comparisonId), eq(comparisons.ownerId, ownerId)))
      .get();
    if (!cmp) return undefined;
    const last = db
      .select({ i: max(conversations.columnIndex) })
      .from(conversations)
      .where(eq(conversations.comparisonId, comparisonId))
      .get();
    const now = Date.now();
    db.update(comparisons).set({ updatedAt: now }).where(eq(comparisons.id, comparisonId)).run();
    return db
      .insert(conversations)
      .values({
        ...col,
        ownerId,
        title: cmp.title,
        comparisonId,
        columnIndex: (last?.i ?? -1) + 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  });
}

export function removeColumn(db: Db, ownerId: string, comparisonId: string, columnId: string): boolean {
  const r = db
    .delete(conversations)
    .where(
      and(
        eq(conversations.id, columnId),
        eq(conversations.comparisonId, comparisonId),
        eq(conversations.ownerId, ownerId),
      ),
    )
    .run();
  return r.changes > 0;
}

export function renameComparison(db: Db, ownerId: string, id: string, title: string): boolean {
  const r = db
    .update(comparisons)
    .set({ title })
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)))
    .run();
  return r.changes > 0;
}

export function touchComparison(db: Db, ownerId: string, id: string, now = Date.now()): void {
  db.update(comparisons)
    .set({ updatedAt: now })
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)))
    .run();
}

/** Deleting a comparison cascades to its column conversations and their messages. */
export function deleteComparison(db: Db, ownerId: string, id: string): boolean {
  const r = db
    .delete(comparisons)
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)))
    .run();
  return r.changes > 0;
}

/** Copy one column (settings and every message) into a new standalone conversation. */
export function copyColumnToConversation(
  db: Db,
  ownerId: string,
  comparisonId: string,
  columnId: string,
  newId: string,
  newMessageId: () => string,
): ConversationRow | undefined {
  return writeTransaction(db, () => {
    const col = db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.id, columnId),
          eq(conversations.comparisonId, comparisonId),
          eq(conversations.ownerId, ownerId),
        ),
      )
      .get();
    if (!col) return undefined;
    const now = Date.now();
    const copy = db
      .insert(conversations)
      .values({ ...col, id: newId, comparisonId: null, columnIndex: null, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const rows = db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, columnId))
      .orderBy(asc(messages.seq))
      .all();
    for (const m of rows)
      db.insert(messages)
        // An answer still streaming in the column cannot resume in the copy.
        .values({
          ...m,
          id: newMessageId(),
          conversationId: newId,
          status: m.status === "streaming" ? "stopped" : m.status,
          instanceId: null,
        })
        .run();
    return copy;
  });
}
