import "server-only";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { affected, type Db, first, prepare, preparedOnce } from "../client";
import { type ConversationRow, conversations, type MessageRow, messages, type StoredParams } from "../schema";

/**
 * The statements of a chat turn, which run on every send before the first token (and for every flush of a
 * streaming answer, and its final write): compiled once per database and reused. Built per call, drizzle's query building and
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
    conversation: prepare(
      db
        .select()
        .from(conversations)
        .where(and(eq(conversations.id, p("id")), eq(conversations.ownerId, p("ownerId")))),
      "turn_conversation",
    ),
    conversationIdTaken: prepare(
      db
        .select({ id: conversations.id })
        .from(conversations)
        .where(eq(conversations.id, p("id"))),
      "turn_conversationIdTaken",
    ),
    messages: prepare(
      db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.active, true)))
        .orderBy(asc(messages.seq)),
      "turn_messages",
    ),
    messageConversationId: prepare(
      db
        .select({ c: messages.conversationId })
        .from(messages)
        .where(eq(messages.id, p("id"))),
      "turn_messageConversationId",
    ),
    insertConversation: prepare(
      db.insert(conversations).values({
        id: p("id"),
        ownerId: p("ownerId"),
        title: p("title"),
        providerId: p("providerId"),
        modelId: p("modelId"),
        params: p("params"),
        createdAt: p("now"),
        updatedAt: p("now"),
      }),
      "turn_insertConversation",
    ),
    updateSettings: prepare(
      db
        .update(conversations)
        .set({
          providerId: bound("providerId"),
          modelId: bound("modelId"),
          params: bound("params"),
          updatedAt: bound("now"),
        })
        .where(and(eq(conversations.id, p("id")), eq(conversations.ownerId, p("ownerId")))),
      "turn_updateSettings",
    ),
    touchConversation: prepare(
      db
        .update(conversations)
        .set({ updatedAt: bound("now") })
        .where(eq(conversations.id, p("id"))),
      "turn_touchConversation",
    ),
    lastActive: prepare(
      db
        .select({ id: messages.id, seq: messages.seq })
        .from(messages)
        .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.active, true)))
        .orderBy(sql`${messages.seq} desc`)
        .limit(1),
      "turn_lastActive",
    ),
    deactivateFrom: prepare(
      db
        .update(messages)
        .set({ active: false })
        .where(
          and(
            eq(messages.conversationId, p("conversationId")),
            eq(messages.active, true),
            gte(messages.seq, p("seq")),
          ),
        ),
      "turn_deactivateFrom",
    ),
    unselectSiblings: prepare(
      db
        .update(messages)
        .set({ selected: false })
        .where(
          and(
            eq(messages.conversationId, p("conversationId")),
            sql`${messages.parentId} IS NOT DISTINCT FROM ${p("parentId")}`,
          ),
        ),
      "turn_unselectSiblings",
    ),
    renameMessage: prepare(
      db
        .update(messages)
        .set({ id: bound("newId") })
        .where(and(eq(messages.id, p("id")), eq(messages.conversationId, p("conversationId")))),
      "turn_renameMessage",
    ),
    reparentChildren: prepare(
      db
        .update(messages)
        .set({ parentId: bound("newId") })
        .where(and(eq(messages.conversationId, p("conversationId")), eq(messages.parentId, p("id")))),
      "turn_reparentChildren",
    ),
    insertUser: prepare(
      db
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
        .returning(),
      "turn_insertUser",
    ),
    insertAssistant: prepare(
      db.insert(messages).values({
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
      }),
      "turn_insertAssistant",
    ),
    flushAnswer: prepare(
      db
        .update(messages)
        .set({ content: bound("content"), reasoning: bound("reasoning") })
        .where(ownAnswer()),
      "turn_flushAnswer",
    ),
    finishAnswer: prepare(
      db
        .update(messages)
        .set({
          content: bound("content"),
          reasoning: bound("reasoning"),
          paramsSent: bound("paramsSent"),
          usage: bound("usage"),
          timings: bound("timings"),
          finishReason: bound("finishReason"),
          status: bound("status"),
          error: bound("error"),
          instanceId: null,
        })
        .where(ownAnswer()),
      "turn_finishAnswer",
    ),
  };

  /** The answer `id` of the conversation, if the conversation is the owner's: one statement, no transaction. */
  function ownAnswer() {
    return and(
      eq(messages.id, p("id")),
      eq(messages.conversationId, p("conversationId")),
      inArray(
        messages.conversationId,
        db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.id, p("conversationId")), eq(conversations.ownerId, p("ownerId")))),
      ),
    );
  }
}

const stmts = preparedOnce(build);

export async function getConversation(
  db: Db,
  ownerId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  return first(stmts(db).conversation.execute({ id, ownerId }));
}

export async function conversationIdTaken(db: Db, id: string): Promise<boolean> {
  return Boolean(await first(stmts(db).conversationIdTaken.execute({ id })));
}

/** The messages of a conversation whose ownership the caller has checked, in order. */
export async function getMessages(db: Db, conversationId: string): Promise<MessageRow[]> {
  return stmts(db).messages.execute({ conversationId });
}

export async function messageConversationId(db: Db, id: string): Promise<string | undefined> {
  return (await first(stmts(db).messageConversationId.execute({ id })))?.c;
}

interface Settings {
  providerId: string;
  modelId: string;
  params: StoredParams;
}

/** A new conversation; the caller has checked inside its transaction that the id is free. */
export async function insertConversation(
  db: Db,
  ownerId: string,
  c: Settings & { id: string; title: string },
  now = Date.now(),
): Promise<void> {
  await stmts(db).insertConversation.execute({ ...c, ownerId, now });
}

export async function updateConversationSettings(
  db: Db,
  ownerId: string,
  id: string,
  s: Settings,
  now = Date.now(),
): Promise<void> {
  await stmts(db).updateSettings.execute({ ...s, params: JSON.stringify(s.params), id, ownerId, now });
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
export async function deactivateFrom(db: Db, conversationId: string, seq: number): Promise<void> {
  await stmts(db).deactivateFrom.execute({ conversationId, seq });
}

/**
 * An edited message's earlier version takes a new id (its replies follow it), so that the new version keeps
 * the id the page knows the message by.
 */
export async function renameMessage(
  db: Db,
  conversationId: string,
  id: string,
  newId: string,
): Promise<void> {
  const s = stmts(db);
  await s.renameMessage.execute({ conversationId, id, newId });
  await s.reparentChildren.execute({ conversationId, id, newId });
}

/** After the last message of the shown branch. */
async function atEnd(db: Db, conversationId: string): Promise<Placement> {
  const last = await first(stmts(db).lastActive.execute({ conversationId }));
  return last ? { parentId: last.id, seq: last.seq + 1 } : { parentId: null, seq: 0 };
}

/**
 * Append the user's message to a conversation whose ownership the caller has checked: at `at`, or after the
 * last message shown. A message placed beside others becomes their selected version.
 */
export async function appendUserMessage(
  db: Db,
  m: { id: string; conversationId: string; content: string; createdAt: number },
  at?: Placement,
): Promise<MessageRow | undefined> {
  const s = stmts(db);
  const place = at ?? (await atEnd(db, m.conversationId));
  await s.unselectSiblings.execute({ conversationId: m.conversationId, parentId: place.parentId });
  const row = await first(s.insertUser.execute({ ...m, ...place }));
  await s.touchConversation.execute({ id: m.conversationId, now: Date.now() });
  return row;
}

/** Append the answer being streamed (status "streaming") to a conversation checked by the caller. */
export async function appendStreamingAnswer(
  db: Db,
  m: Settings & { id: string; conversationId: string; instanceId: string | null; createdAt: number },
  at?: Placement,
): Promise<void> {
  const s = stmts(db);
  const place = at ?? (await atEnd(db, m.conversationId));
  await s.unselectSiblings.execute({ conversationId: m.conversationId, parentId: place.parentId });
  await s.insertAssistant.execute({ ...m, ...place });
  await s.touchConversation.execute({ id: m.conversationId, now: Date.now() });
}

/** The partial text of a streaming answer; one statement (ownership checked inside it), no transaction. */
export async function flushAnswer(
  db: Db,
  ownerId: string,
  conversationId: string,
  id: string,
  text: { content: string; reasoning: string },
): Promise<number> {
  return affected(await stmts(db).flushAnswer.execute({ ...text, id, conversationId, ownerId }));
}

/** What an answer ends with, in one statement (ownership checked inside it): its row is no longer streaming. */
export async function finishAnswer(
  db: Db,
  ownerId: string,
  conversationId: string,
  id: string,
  end: Pick<
    MessageRow,
    "content" | "reasoning" | "paramsSent" | "usage" | "timings" | "finishReason" | "status" | "error"
  >,
): Promise<number> {
  const json = (v: unknown) => (v == null ? null : JSON.stringify(v));
  return affected(
    await stmts(db).finishAnswer.execute({
      ...end,
      paramsSent: json(end.paramsSent),
      usage: json(end.usage),
      timings: json(end.timings),
      error: json(end.error),
      id,
      conversationId,
      ownerId,
    }),
  );
}
