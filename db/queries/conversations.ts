import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from "drizzle-orm";
import { affected, type Db, first, writeTransaction } from "../client";
import {
  type ConversationRow,
  conversations,
  type MessageRow,
  messages,
  type NewMessageRow,
  type StoredParams,
} from "../schema";

// Every function takes the owner and filters by it inside the query, so a caller cannot forget.

/** Where a page of a list ordered by (updatedAt, id) descending starts: after this row. */
export interface ListAfter {
  updatedAt: number;
  id: string;
}

export type ConversationListRow = Pick<
  ConversationRow,
  "id" | "title" | "providerId" | "modelId" | "createdAt" | "updatedAt"
>;

/**
 * Standalone chats only (comparison columns are listed with their comparison), newest first, at most
 * `limit` rows after `after`. Keyset paging walks the (owner_id, updated_at) index; id breaks ties.
 */
export async function listConversations(
  db: Db,
  ownerId: string,
  page: { limit: number; after?: ListAfter },
): Promise<ConversationListRow[]> {
  const { after } = page;
  return db
    .select({
      id: conversations.id,
      title: conversations.title,
      providerId: conversations.providerId,
      modelId: conversations.modelId,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.ownerId, ownerId),
        isNull(conversations.comparisonId),
        after
          ? or(
              lt(conversations.updatedAt, after.updatedAt),
              and(eq(conversations.updatedAt, after.updatedAt), lt(conversations.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(page.limit);
}

/** The titles of these conversations that are the owner's (the shared-links page names their targets). */
export async function conversationTitles(
  db: Db,
  ownerId: string,
  ids: string[],
): Promise<{ id: string; title: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: conversations.id, title: conversations.title })
    .from(conversations)
    .where(and(eq(conversations.ownerId, ownerId), inArray(conversations.id, ids)));
}

export async function getConversation(
  db: Db,
  ownerId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .then(first);
}

/**
 * Ids of the answers stored as "streaming" in an owned conversation, oldest first, whichever instance
 * streams them: what GET /api/chat/:id/stream and POST /api/chat/:id/stop look for on other instances.
 */
export async function streamingAnswerIds(db: Db, ownerId: string, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(conversations.ownerId, ownerId),
        eq(messages.status, "streaming"),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.seq));
  return rows.map((r) => r.id);
}

/** The messages of the branch an owned conversation shows (the selected versions), in order. */
export async function getMessages(db: Db, ownerId: string, conversationId: string): Promise<MessageRow[]> {
  if (!(await getConversation(db, ownerId, conversationId))) return [];
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.active, true)))
    .orderBy(asc(messages.seq));
}

/**
 * The last `limit` messages of an owned conversation before the message `beforeId` (or its end), in order,
 * and whether earlier ones exist: one indexed range read, however long the conversation. Undefined when
 * the conversation is not the owner's or `beforeId` is not one of its messages.
 */
export async function getMessagesBefore(
  db: Db,
  ownerId: string,
  conversationId: string,
  page: { limit: number; beforeId?: string },
): Promise<{ rows: MessageRow[]; hasEarlier: boolean } | undefined> {
  if (!(await getConversation(db, ownerId, conversationId))) return undefined;
  let beforeSeq: number | undefined;
  if (page.beforeId !== undefined) {
    beforeSeq = (
      await db
        .select({ seq: messages.seq })
        .from(messages)
        .where(
          and(
            eq(messages.id, page.beforeId),
            eq(messages.conversationId, conversationId),
            eq(messages.active, true),
          ),
        )
        .then(first)
    )?.seq;
    if (beforeSeq === undefined) return undefined;
  }
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.active, true),
        beforeSeq === undefined ? undefined : lt(messages.seq, beforeSeq),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(page.limit + 1);
  return { rows: rows.slice(0, page.limit).reverse(), hasEarlier: rows.length > page.limit };
}

/**
 * The shown messages from `fromId` on, oldest first, at most `limit`, starting at the question when `fromId`
 * is an answer (a search result opening the conversation there); undefined when `fromId` is not a shown
 * message of this owned conversation. `hasLater`: more follow the last row.
 */
export async function getMessagesFrom(
  db: Db,
  ownerId: string,
  conversationId: string,
  fromId: string,
  limit = Number.MAX_SAFE_INTEGER,
): Promise<{ rows: MessageRow[]; hasEarlier: boolean; hasLater: boolean } | undefined> {
  if (!(await getConversation(db, ownerId, conversationId))) return undefined;
  const target = await db
    .select({ seq: messages.seq, role: messages.role })
    .from(messages)
    .where(
      and(eq(messages.id, fromId), eq(messages.conversationId, conversationId), eq(messages.active, true)),
    )
    .then(first);
  if (!target) return undefined;
  const start = target.role === "assistant" ? Math.max(0, target.seq - 1) : target.seq;
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(eq(messages.conversationId, conversationId), eq(messages.active, true), gte(messages.seq, start)),
    )
    .orderBy(asc(messages.seq))
    .limit(Math.min(limit + 1, Number.MAX_SAFE_INTEGER));
  return { rows: rows.slice(0, limit), hasEarlier: start > 0, hasLater: rows.length > limit };
}

export interface NewConversation {
  id: string;
  title: string;
  providerId: string;
  modelId: string;
  params: StoredParams;
}

/** Whether any conversation (of any owner, chat or column) has this id: a new one cannot take it. */
export async function conversationIdTaken(db: Db, id: string): Promise<boolean> {
  return Boolean(
    await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id)).then(first),
  );
}

/** Create the conversation if it does not exist; returns undefined if the id belongs to another owner. */
export async function ensureConversation(
  db: Db,
  ownerId: string,
  c: NewConversation,
  now = Date.now(),
): Promise<ConversationRow | undefined> {
  await db
    .insert(conversations)
    .values({ ...c, ownerId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return getConversation(db, ownerId, c.id);
}

export async function updateConversationSettings(
  db: Db,
  ownerId: string,
  id: string,
  s: { providerId: string; modelId: string; params: StoredParams },
  now = Date.now(),
): Promise<void> {
  await db
    .update(conversations)
    .set({ ...s, updatedAt: now })
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)));
}

export async function renameConversation(
  db: Db,
  ownerId: string,
  id: string,
  title: string,
): Promise<boolean> {
  const r = await db
    .update(conversations)
    .set({ title })
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)));
  return affected(r) > 0;
}

export async function deleteConversation(db: Db, ownerId: string, id: string): Promise<boolean> {
  const r = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)));
  return affected(r) > 0;
}

/** Append a message at the end of the branch an owned conversation shows. */
export async function appendMessage(
  db: Db,
  ownerId: string,
  m: Omit<NewMessageRow, "seq">,
): Promise<MessageRow | undefined> {
  return writeTransaction(db, async (tx) => {
    const conv = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, m.conversationId), eq(conversations.ownerId, ownerId)))
      .then(first);
    if (!conv) return undefined;
    const last = await tx
      .select({ id: messages.id, seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, m.conversationId), eq(messages.active, true)))
      .orderBy(desc(messages.seq))
      .limit(1)
      .then(first);
    const row = await tx
      .insert(messages)
      .values({ ...m, parentId: last?.id ?? null, seq: (last?.seq ?? -1) + 1 })
      .returning()
      .then(first);
    await tx
      .update(conversations)
      .set({ updatedAt: Date.now() })
      .where(eq(conversations.id, m.conversationId));
    return row;
  });
}

/** One statement (ownership checked inside it), so a streaming flush never holds a transaction open. */
export async function updateMessage(
  db: Db,
  ownerId: string,
  conversationId: string,
  id: string,
  patch: Partial<Omit<NewMessageRow, "id" | "conversationId" | "seq">>,
): Promise<void> {
  await db
    .update(messages)
    .set(patch)
    .where(
      and(
        eq(messages.id, id),
        eq(messages.conversationId, conversationId),
        inArray(
          messages.conversationId,
          db
            .select({ id: conversations.id })
            .from(conversations)
            .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId))),
        ),
      ),
    );
}

/** Append many messages in one transaction (import, copies). */
export async function appendMessages(
  db: Db,
  ownerId: string,
  conversationId: string,
  rows: Omit<NewMessageRow, "seq" | "conversationId">[],
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    for (const r of rows) {
      if (!(await appendMessage(tx, ownerId, { ...r, conversationId })))
        throw new Error("Conversation not found");
    }
  });
}
