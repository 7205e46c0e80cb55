import "server-only";
import { and, asc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { type Db, dialectOf, execute, first, writeTransaction } from "../client";
import { conversations, type MessageRow, messages, type NewMessageRow } from "../schema";

/*
 * A conversation is a tree: regenerate and edit-and-resend add a sibling (a version) instead of replacing a
 * message. `active` marks the branch the conversation shows; `selected` the chosen version among siblings,
 * remembered while another branch is shown, so that coming back to a version brings back what followed it.
 */

/**
 * The order messages were inserted in (the order of versions): SQLite's rowid; on PostgreSQL, which has none,
 * the creation time, then the id.
 */
const insertionOrder = (db: Db) =>
  dialectOf(db) === "sqlite" ? [sql`rowid`] : [asc(messages.createdAt), asc(messages.id)];

/**
 * The versions of each of these messages of a conversation (the rows of its shown branch), in the order they
 * were made: id → every sibling's id, itself included, for the messages that have more than one.
 */
export async function versionsOf(
  db: Db,
  conversationId: string,
  rows: Pick<MessageRow, "id" | "parentId">[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (rows.length === 0) return out;
  const parents = [...new Set(rows.map((r) => r.parentId).filter((p): p is string => p !== null))];
  const withRoot = rows.some((r) => r.parentId === null);
  const siblings = await db
    .select({ id: messages.id, parentId: messages.parentId })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        or(
          parents.length > 0 ? inArray(messages.parentId, parents) : undefined,
          withRoot ? isNull(messages.parentId) : undefined,
        ),
      ),
    )
    .orderBy(...insertionOrder(db));
  const byParent = new Map<string | null, string[]>();
  for (const s of siblings) {
    const ids = byParent.get(s.parentId) ?? [];
    ids.push(s.id);
    byParent.set(s.parentId, ids);
  }
  for (const r of rows) {
    const ids = byParent.get(r.parentId);
    if (ids && ids.length > 1) out.set(r.id, ids);
  }
  return out;
}

export type VersionResult =
  | { ok: true; rows: MessageRow[] }
  | { ok: false; reason: "not_found" | "not_a_version" | "streaming" | "only_version" };

type Refusal = Extract<VersionResult, { ok: false }>;

/**
 * The message `messageId` of an owned conversation that is not streaming, when it is a shown message or
 * beside one (its parent is shown); else why not.
 */
async function versionTarget(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): Promise<MessageRow | Refusal> {
  const owned = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
    .then(first);
  if (!owned) return { ok: false, reason: "not_found" };
  const target = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)))
    .then(first);
  if (!target) return { ok: false, reason: "not_found" };
  const streaming = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.active, true),
        eq(messages.status, "streaming"),
      ),
    )
    .then(first);
  if (streaming) return { ok: false, reason: "streaming" };
  if (!target.active && target.parentId !== null) {
    const parent = await db
      .select({ active: messages.active })
      .from(messages)
      .where(and(eq(messages.id, target.parentId), eq(messages.conversationId, conversationId)))
      .then(first);
    if (!parent?.active) return { ok: false, reason: "not_a_version" };
  }
  return target;
}

const sameParent = (parentId: string | null) => sql`${messages.parentId} IS NOT DISTINCT FROM ${parentId}`;

const siblingsOf = async (db: Db, conversationId: string, parentId: string | null) =>
  (
    await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), sameParent(parentId)))
      .orderBy(...insertionOrder(db))
  ).map((r) => r.id);

/** The shown branch of a conversation from position `seq` on. */
const shownFrom = (db: Db, conversationId: string, seq: number) =>
  db
    .select()
    .from(messages)
    .where(
      and(eq(messages.conversationId, conversationId), eq(messages.active, true), gte(messages.seq, seq)),
    )
    .orderBy(asc(messages.seq));

/** Show `target` (not shown, beside a shown message) and, below it, the version last selected at each level. */
async function show(
  db: Db,
  conversationId: string,
  target: Pick<MessageRow, "id" | "parentId" | "seq">,
): Promise<void> {
  await db
    .update(messages)
    .set({ active: false })
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.active, true),
        gte(messages.seq, target.seq),
      ),
    );
  await db
    .update(messages)
    .set({ selected: sql`(${messages.id} = ${target.id})` })
    .where(and(eq(messages.conversationId, conversationId), sameParent(target.parentId)));
  await execute(
    db,
    sql`
    WITH RECURSIVE branch(id) AS (
      SELECT CAST(${target.id} AS TEXT)
      UNION ALL
      SELECT m.id FROM messages m JOIN branch b ON m.parent_id = b.id
      WHERE m.conversation_id = ${conversationId} AND m.selected
    )
    UPDATE messages SET active = TRUE WHERE conversation_id = ${conversationId} AND id IN (SELECT id FROM branch)`,
  );
}

/**
 * Show another version of a message of an owned conversation: `messageId` becomes the selected version
 * among its siblings, and the branch shown from there on is the one last selected below it. Returns the
 * shown branch from that message on. Refused while an answer of the conversation streams (the branch is
 * being written), and for a message that is not beside one of the shown messages.
 */
export async function selectVersion(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): Promise<VersionResult> {
  return writeTransaction(db, async (tx): Promise<VersionResult> => {
    const target = await versionTarget(tx, ownerId, conversationId, messageId);
    if ("ok" in target) return target;
    if (!target.active) await show(tx, conversationId, target);
    return { ok: true, rows: await shownFrom(tx, conversationId, target.seq) };
  });
}

/**
 * Delete one version of a message, with everything that followed it; the user's explicit choice (a
 * message's only version is not one: the conversation is deleted instead). When it was shown, the version
 * before it (or after it, for the first) is shown in its place. Returns the shown branch from there on.
 */
export async function deleteVersion(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): Promise<VersionResult> {
  return writeTransaction(db, async (tx): Promise<VersionResult> => {
    const target = await versionTarget(tx, ownerId, conversationId, messageId);
    if ("ok" in target) return target;
    const siblings = await siblingsOf(tx, conversationId, target.parentId);
    if (siblings.length < 2) return { ok: false, reason: "only_version" };
    const at = siblings.indexOf(target.id);
    const replacementId = siblings[at > 0 ? at - 1 : at + 1];
    await execute(
      tx,
      sql`
      WITH RECURSIVE doomed(id) AS (
        SELECT CAST(${target.id} AS TEXT)
        UNION ALL
        SELECT m.id FROM messages m JOIN doomed d ON m.parent_id = d.id WHERE m.conversation_id = ${conversationId}
      )
      DELETE FROM messages WHERE conversation_id = ${conversationId} AND id IN (SELECT id FROM doomed)`,
    );
    if (target.active && replacementId) {
      await show(tx, conversationId, { id: replacementId, parentId: target.parentId, seq: target.seq });
    }
    return { ok: true, rows: await shownFrom(tx, conversationId, target.seq) };
  });
}

/** The messages of a conversation that are not on its shown branch (earlier versions), parents first. */
export async function hiddenVersions(db: Db, conversationId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.active, false)))
    .orderBy(asc(messages.seq), ...insertionOrder(db));
}

/** An earlier version (not shown), placed after `parentId` (import); the caller checked ownership. */
export async function insertHiddenVersion(
  db: Db,
  row: NewMessageRow & { parentId: string | null; seq: number },
): Promise<void> {
  await db.insert(messages).values({ ...row, active: false });
}

/**
 * Every version of a message of an owned conversation (its siblings, itself included), oldest first;
 * undefined when the conversation is not the owner's or has no such message.
 */
export async function messageVersions(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): Promise<MessageRow[] | undefined> {
  const target = await db
    .select({ parentId: messages.parentId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        eq(conversations.ownerId, ownerId),
      ),
    )
    .then(first);
  if (!target) return undefined;
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), sameParent(target.parentId)))
    .orderBy(...insertionOrder(db));
}
