import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { conversations, type MessageRow, messages } from "../schema";

/** Every message of an owned conversation, every version included, in position order; [] if not owned. */
export function allMessages(db: Db, ownerId: string, conversationId: string): MessageRow[] {
  return db
    .select({ m: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.conversationId, conversationId), eq(conversations.ownerId, ownerId)))
    .orderBy(asc(messages.seq))
    .all()
    .map((r) => r.m);
}

/** The conversation an owned message belongs to. */
export function messageConversationId(db: Db, ownerId: string, messageId: string): string | undefined {
  return db
    .select({ id: conversations.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, messageId), eq(conversations.ownerId, ownerId)))
    .get()?.id;
}
