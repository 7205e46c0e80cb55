import "server-only";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type ConversationRow, conversations, type MessageRow, messages, type StoredParams } from "../schema";

/**
 * The statements of a chat turn, which run on every send before the first token (and for every flush of a
 * streaming answer): compiled once per database and reused. Built per call, drizzle's query building and
 * SQLite's prepare cost more than running the statement (measured: about 450 µs against 16 µs for the
 * conversation lookup). The general-purpose functions of conversations.ts serve every other caller.
 * Ownership is checked once, by `conversation`, inside the turn's transaction (run-chat.ts writeTurn).
 */
function build(db: Db) {
  const p = sql.placeholder;
  // drizzle types update values as plain values or SQL: a placeholder goes in as SQL, bound unconverted
  // (a JSON column's value is serialized by the caller).
  const bound = (name: string) => sql`${p(name)}`;
  return {
    conversation: db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, p("id")), eq(conversations.ownerId, p("ownerId"))))
      .prepare(),
    conversationIdTaken: db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.id, p("id")))
      .prepare(),
    messages: db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.active, true)))
      .orderBy(asc(messages.seq))
      .prepare(),
    messageConversationId: db
      .select({ c: messages.conversationId })
      .from(messages)
      .where(eq(messages.id, p("id")))
      .prepare(),
    insertConversation: db
      .insert(conversations)
      .values({
        id: p("id"),
        ownerId: p("ownerId"),
        title: p("title"),
        providerId: p("providerId"),
        modelId: p("modelId"),
        params: p("params"),
        createdAt: p("now"),
        updatedAt: p("now"),
      })
      .prepare(),
    updateSettings: db
      .update(conversations)
      .set({
        providerId: bound("providerId"),
        modelId: bound("modelId"),
        params: bound("params"),
        updatedAt: bound("now"),
      })
      .where(and(eq(conversations.id, p("id")), eq(conversations.ownerId, p("ownerId"))))
      .prepare(),
    touchConversation: db
      .update(conversations)
      .set({ updatedAt: bound("now") })
      .where(eq(conversations.id, p("id")))
      .prepare(),
    lastActive: db
      .select({ id: messages.id, seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.active, true)))
      .orderBy(sql`${messages.seq} desc`)
      .limit(1)
      .prepare(),
    deactivateFrom: db
      .update(messages)
      .set({ active: false })
      .where(
        and(
          eq(messages.conversationId, p("conversationId")),
          eq(messages.active, true),
          gte(messages.seq, p("seq")),
        ),
      )
      .prepare(),
    unselectSiblings: db
      .update(messages)
      .set({ selected: false })
      .where(
        and(eq(messages.conversationId, p("conversationId")), sql`${messages.parentId} IS ${p("parentId")}`),
      )
      .prepare(),
    renameMessage: db
      .update(messages)
      .set({ id: bound("newId") })
      .where(and(eq(messages.id, p("id")), eq(messages.conversationId, p("conversationId"))))
      .prepare(),
    reparentChildren: db
      .update(messages)
      .set({ parentId: bound("newId") })
      .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.parentId, p("id"))))
      .prepare(),
    insertUser: db
      .insert(messages)
      .values({
        id: p("id"),
        conversationId: p("conversationId"),
        seq: p("seq"),
        parentId: p("parentId"),
        role: "user",
        content: p("content"),
        createdAt: p("createdAt"),
      })
      .returning()
      .prepare(),
    insertAssistant: db
      .insert(messages)
      .values({
        id: p("id"),
        conversationId: p("conversationId"),
        seq: p("seq"),
        parentId: p("parentId"),
        role: "assistant",
        providerId: p("providerId"),
        modelId: p("modelId"),
        params: p("params"),
        status: "streaming",
        instanceId: p("instanceId"),
        createdAt: p("createdAt"),
      })
      .prepare(),
    flushAnswer: db
      .update(messages)
      .set({ content: bound("content"), reasoning: bound("reasoning") })
      .where(
        and(
          eq(messages.id, p("id")),
          eq(messages.conversationId, p("conversationId")),
          inArray(
            messages.conversationId,
            db
              .select({ id: conversations.id })
              .from(conversations)
              .where(and(eq(conversations.id, p("conversationId")), eq(conversations.ownerId, p("ownerId")))),
          ),
        ),
      )
      .prepare(),
  };
}

const statements = new WeakMap<Db, ReturnType<typeof build>>();

function stmts(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = build(db);
    statements.set(db, s);
  }
  return s;
}

export function getConversation(db: Db, ownerId: string, id: string): ConversationRow | undefined {
  return stmts(db).conversation.get({ id, ownerId });
}

export function conversationIdTaken(db: Db, id: string): boolean {
  return Boolean(stmts(db).conversationIdTaken.get({ id }));
}

/** The messages of a conversation whose ownership the caller has checked, in order. */
export function getMessages(db: Db, conversationId: string): MessageRow[] {
  return stmts(db).messages.all({ conversationId });
}

export function messageConversationId(db: Db, id: string): string | undefined {
  return stmts(db).messageConversationId.get({ id })?.c;
}

interface Settings {
  providerId: string;
  modelId: string;
  params: StoredParams;
}

/** A new conversation; the caller has checked inside its transaction that the id is free. */
export function insertConversation(
  db: Db,
  ownerId: string,
  c: Settings & { id: string; title: string },
  now = Date.now(),
): void {
  stmts(db).insertConversation.run({ ...c, ownerId, now });
}

export function updateConversationSettings(
  db: Db,
  ownerId: string,
  id: string,
  s: Settings,
  now = Date.now(),
) {
  stmts(db).updateSettings.run({ ...s, params: JSON.stringify(s.params), id, ownerId, now });
}

/** Where a new message goes: after `parentId` (null: first), at position `seq`. */
export interface Placement {
  parentId: string | null;
  seq: number;
}

/**
 * The active messages from `seq` on leave the branch the conversation shows; they are kept, as versions
 * (regenerate, edit-and-resend). The caller has checked ownership.
 */
export function deactivateFrom(db: Db, conversationId: string, seq: number): void {
  stmts(db).deactivateFrom.run({ conversationId, seq });
}

/**
 * An edited message's earlier version takes a new id (its replies follow it), so that the new version keeps
 * the id the page knows the message by.
 */
export function renameMessage(db: Db, conversationId: string, id: string, newId: string): void {
  const s = stmts(db);
  s.renameMessage.run({ conversationId, id, newId });
  s.reparentChildren.run({ conversationId, id, newId });
}

/** After the last message of the shown branch. */
function atEnd(db: Db, conversationId: string): Placement {
  const last = stmts(db).lastActive.get({ conversationId });
  return last ? { parentId: last.id, seq: last.seq + 1 } : { parentId: null, seq: 0 };
}

/**
 * Append the user's message to a conversation whose ownership the caller has checked: at `at`, or after the
 * last message shown. A message placed beside others becomes their selected version.
 */
export function appendUserMessage(
  db: Db,
  m: { id: string; conversationId: string; content: string; createdAt: number },
  at: Placement = atEnd(db, m.conversationId),
): MessageRow | undefined {
  const s = stmts(db);
  s.unselectSiblings.run({ conversationId: m.conversationId, parentId: at.parentId });
  const row = s.insertUser.get({ ...m, ...at });
  s.touchConversation.run({ id: m.conversationId, now: Date.now() });
  return row;
}

/** Append the answer being streamed (status "streaming") to a conversation checked by the caller. */
export function appendStreamingAnswer(
  db: Db,
  m: Settings & { id: string; conversationId: string; instanceId: string | null; createdAt: number },
  at: Placement = atEnd(db, m.conversationId),
): void {
  const s = stmts(db);
  s.unselectSiblings.run({ conversationId: m.conversationId, parentId: at.parentId });
  s.insertAssistant.run({ ...m, ...at });
  s.touchConversation.run({ id: m.conversationId, now: Date.now() });
}

/** The partial text of a streaming answer; one statement (ownership checked inside it), no transaction. */
export function flushAnswer(
  db: Db,
  ownerId: string,
  conversationId: string,
  id: string,
  text: { content: string; reasoning: string },
): void {
  stmts(db).flushAnswer.run({ ...text, id, conversationId, ownerId });
}
