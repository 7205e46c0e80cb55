import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, first } from "../client";
import { conversations, type MessageRow, messages } from "../schema";

/** Every message of an owned conversation, every version included, in position order; [] if not owned. */
export async function allMessages(db: Db, ownerId: string, conversationId: string): Promise<MessageRow[]> {
  const rows = await db
    .select({ m: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.conversationId, conversationId), eq(conversations.ownerId, ownerId)))
    .orderBy(asc(messages.seq));
  return rows.map((r) => r.m);
}

/** The conversation an owned message belongs to. */
export async function messageConversationId(
  db: Db,
  ownerId: string,
  messageId: string,
): Promise<string | undefined> {
  const row = await db
    .select({ id: conversations.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, messageId), eq(conversations.ownerId, ownerId)))
    .then(first);
  return row?.id;
}
