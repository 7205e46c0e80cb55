import "server-only";
import { and, asc, desc, eq, inArray, lt, max, or, sql } from "drizzle-orm";
import { affected, type Db, first, writeTransaction } from "../client";
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
export async function listComparisons(
  db: Db,
  ownerId: string,
  page: { limit: number; after?: ListAfter },
): Promise<ComparisonListRow[]> {
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
    .limit(page.limit);
}

/** The titles of these comparisons that are the owner's (the shared-links page names their targets). */
export async function comparisonTitles(
  db: Db,
  ownerId: string,
  ids: string[],
): Promise<{ id: string; title: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: comparisons.id, title: comparisons.title })
    .from(comparisons)
    .where(and(eq(comparisons.ownerId, ownerId), inArray(comparisons.id, ids)));
}

/** Whether any comparison (of any owner) has this id: a new one cannot take it. */
export async function comparisonIdTaken(db: Db, id: string): Promise<boolean> {
  return Boolean(
    await db.select({ id: comparisons.id }).from(comparisons).where(eq(comparisons.id, id)).then(first),
  );
}

export async function getComparison(db: Db, ownerId: string, id: string): Promise<ComparisonRow | undefined> {
  return db
    .select()
    .from(comparisons)
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)))
    .then(first);
}

/** The columns of an owned comparison, in order. */
export async function getColumns(db: Db, ownerId: string, comparisonId: string): Promise<ConversationRow[]> {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.comparisonId, comparisonId), eq(conversations.ownerId, ownerId)))
    .orderBy(asc(conversations.columnIndex));
}

export async function createComparison(
  db: Db,
  ownerId: string,
  c: { id: string; title: string; columns: NewColumn[] },
  now = Date.now(),
): Promise<ComparisonRow> {
  return writeTransaction(db, async (tx) => {
    const row = await tx
      .insert(comparisons)
      .values({ id: c.id, ownerId, title: c.title, createdAt: now, updatedAt: now })
      .returning()
      .then(first);
    for (const [i, col] of c.columns.entries()) {
      await tx.insert(conversations).values({
        ...col,
        ownerId,
        title: c.title,
        comparisonId: c.id,
        columnIndex: i,
        createdAt: now,
        updatedAt: now,
      });
    }
    return row as ComparisonRow;
  });
}

/** Append a column; returns undefined when the comparison is not the owner's. */
export async function addColumn(
  db: Db,
  ownerId: string,
  comparisonId: string,
  col: NewColumn,
): Promise<ConversationRow | undefined> {
  return writeTransaction(db, async (tx) => {
    const cmp = await tx
      .select()
      .from(comparisons)
      .where(and(eq(comparisons.id, comparisonId), eq(comparisons.ownerId, ownerId)))
      .then(first);
    if (!cmp) return undefined;
    const last = await tx
      .select({ i: max(conversations.columnIndex) })
      .from(conversations)
      .where(eq(conversations.comparisonId, comparisonId))
      .then(first);
    const now = Date.now();
    await tx.update(comparisons).set({ updatedAt: now }).where(eq(comparisons.id, comparisonId));
    return tx
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
      .then(first);
  });
}

export async function removeColumn(
  db: Db,
  ownerId: string,
  comparisonId: string,
  columnId: string,
): Promise<boolean> {
  const r = await db
    .delete(conversations)
    .where(
      and(
        eq(conversations.id, columnId),
        eq(conversations.comparisonId, comparisonId),
        eq(conversations.ownerId, ownerId),
      ),
    );
  return affected(r) > 0;
}

export async function renameComparison(db: Db, ownerId: string, id: string, title: string): Promise<boolean> {
  const r = await db
    .update(comparisons)
    .set({ title })
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)));
  return affected(r) > 0;
}

export async function touchComparison(db: Db, ownerId: string, id: string, now = Date.now()): Promise<void> {
  await db
    .update(comparisons)
    .set({ updatedAt: now })
    .where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)));
}

/** Deleting a comparison cascades to its column conversations and their messages. */
export async function deleteComparison(db: Db, ownerId: string, id: string): Promise<boolean> {
  const r = await db.delete(comparisons).where(and(eq(comparisons.id, id), eq(comparisons.ownerId, ownerId)));
  return affected(r) > 0;
}

/** Copy one column (settings and every message) into a new standalone conversation. */
export async function copyColumnToConversation(
  db: Db,
  ownerId: string,
  comparisonId: string,
  columnId: string,
  newId: string,
  newMessageId: () => string,
): Promise<ConversationRow | undefined> {
  return writeTransaction(db, async (tx) => {
    const col = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.id, columnId),
          eq(conversations.comparisonId, comparisonId),
          eq(conversations.ownerId, ownerId),
        ),
      )
      .then(first);
    if (!col) return undefined;
    const now = Date.now();
    const copy = await tx
      .insert(conversations)
      .values({ ...col, id: newId, comparisonId: null, columnIndex: null, createdAt: now, updatedAt: now })
      .returning()
      .then(first);
    const rows = await tx
      .select()
      .from(messages)
      .where(eq(messages.conversationId, columnId))
      .orderBy(asc(messages.seq));
    // New ids for every message, and parents mapped to them, so that the copy's versions form the same tree.
    const ids = new Map(rows.map((m) => [m.id, newMessageId()]));
    for (const m of rows)
      await tx.insert(messages).values({
        ...m,
        id: ids.get(m.id) as string,
        parentId: m.parentId === null ? null : (ids.get(m.parentId) ?? null),
        conversationId: newId,
        // An answer still streaming in the column cannot resume in the copy.
        status: m.status === "streaming" ? "stopped" : m.status,
        instanceId: null,
      });
    return copy;
  });
}
