import "server-only";
import { z } from "zod";
import { type Db, writeTransaction } from "@/db/client";
import * as q from "@/db/queries/conversations";
import * as sq from "@/db/queries/shares";
import * as vq from "@/db/queries/versions";
import type { MessageRow } from "@/db/schema";
import type { ProviderId } from "@/lib/ai/models";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readListPage } from "@/lib/list-page";
import { type GenerationParams, generationParamsSchema } from "@/lib/params";
import {
  EARLIER_PAGE_SIZE,
  latestWithin,
  OPEN_AT_MAX_MESSAGES,
  OPENING_CHARS,
  OPENING_MESSAGES,
} from "./message-window";
import type {
  ChatUIMessage,
  ConversationList,
  ConversationSummary,
  ConversationView,
  MessagesPage,
} from "./types";

/** Stored params go through the one schema on the way out too; a row that no longer fits is reset. */
function readParams(stored: unknown): GenerationParams {
  const parsed = generationParamsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

function toSummary(c: q.ConversationListRow): ConversationSummary {
  return {
    id: c.id,
    title: c.title,
    providerId: c.providerId as ProviderId,
    modelId: c.modelId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function toUIMessage(m: MessageRow, versions?: string[]): ChatUIMessage {
  const parts: ChatUIMessage["parts"] = [];
  if (m.reasoning) parts.push({ type: "reasoning", text: m.reasoning, state: "done" });
  if (m.content) parts.push({ type: "text", text: m.content, state: "done" });
  return {
    id: m.id,
    role: m.role,
    parts,
    metadata: {
      createdAt: m.createdAt,
      ...(versions ? { versions } : {}),
      ...(m.role === "assistant"
        ? {
            providerId: (m.providerId ?? undefined) as ProviderId | undefined,
            modelId: m.modelId ?? undefined,
            params: readParams(m.params),
            paramsSent: m.paramsSent ?? undefined,
            usage: m.usage ?? undefined,
            timings: m.timings ?? undefined,
            finishReason: m.finishReason ?? undefined,
            status: m.status,
            error: m.error ?? undefined,
          }
        : {}),
    },
  };
}

/** Rows of one conversation's shown branch as UI messages, with the versions of each. */
export async function toUIMessages(
  db: Db,
  conversationId: string,
  rows: MessageRow[],
): Promise<ChatUIMessage[]> {
  const versions = await vq.versionsOf(db, conversationId, rows);
  return rows.map((m) => toUIMessage(m, versions.get(m.id)));
}

/** One page of the sidebar's chats, newest first; `cursor` is the previous page's `nextCursor`. */
export async function listConversationSummaries(
  ownerId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<ConversationList> {
  const { items, nextCursor } = await readListPage(page, (window) =>
    q.listConversations(getDb(), ownerId, window),
  );
  return { conversations: items.map(toSummary), nextCursor };
}

/** Current titles of the owner's conversations among `ids`, by id. */
export async function conversationTitles(ownerId: string, ids: string[]): Promise<Map<string, string>> {
  return new Map((await q.conversationTitles(getDb(), ownerId, ids)).map((c) => [c.id, c.title]));
}

/** The conversation with every message (the API, exports). */
export async function getConversationView(
  ownerId: string,
  id: string,
  db: Db = getDb(),
): Promise<ConversationView | undefined> {
  const c = await q.getConversation(db, ownerId, id);
  if (!c) return undefined;
  return {
    ...toSummary(c),
    params: readParams(c.params),
    messages: await toUIMessages(db, id, await q.getMessages(db, ownerId, id)),
  };
}

const textSize = (m: MessageRow) => m.content.length + (m.reasoning?.length ?? 0);

/**
 * The conversation as its page opens: the latest messages only (OPENING_MESSAGES, within OPENING_CHARS of
 * text), so a 1,000-message conversation costs the server and the browser what a short one does.
 */
export async function getConversationOpening(
  ownerId: string,
  id: string,
  /** a message to open at (a search result): the page starts there when it is older than the latest ones */
  at?: string,
): Promise<ConversationView | undefined> {
  const db = getDb();
  const c = await q.getConversation(db, ownerId, id);
  const page = c && (await q.getMessagesBefore(db, ownerId, id, { limit: OPENING_MESSAGES }));
  if (!c || !page) return undefined;
  let rows = latestWithin(page.rows, textSize, OPENING_CHARS);
  let hasEarlier = page.hasEarlier || rows.length < page.rows.length;
  let hasLater = false;
  if (at && !rows.some((m) => m.id === at)) {
    // Everything after the message when that is not too much; else a part from it on (read-only).
    const from = await q.getMessagesFrom(db, ownerId, id, at, OPEN_AT_MAX_MESSAGES);
    if (from?.hasLater) {
      ({ hasEarlier } = from);
      rows = from.rows.slice(0, OPENING_MESSAGES);
      hasLater = true;
    } else if (from) ({ rows, hasEarlier } = from);
  }
  return {
    ...toSummary(c),
    params: readParams(c.params),
    messages: await toUIMessages(db, id, rows),
    hasEarlier,
    ...(hasLater ? { hasLater } : {}),
  };
}

/** `GET /api/conversations/:id/messages?before=<message id>&limit=` */
export const earlierQuerySchema = z.object({
  /** without it, the latest messages */
  before: z.string().min(1, "Message id cannot be empty").max(200, "Message id is too long").optional(),
  limit: z.coerce
    .number()
    .int("Limit must be a whole number")
    .min(1, "Limit must be at least 1")
    .max(100, "Limit must be at most 100")
    .default(EARLIER_PAGE_SIZE),
});

/**
 * The messages before `before` (a message of this conversation), or the latest ones, oldest first; undefined:
 * no such conversation.
 */
export async function getEarlierMessages(
  ownerId: string,
  id: string,
  query: z.output<typeof earlierQuerySchema>,
): Promise<MessagesPage | undefined> {
  const db = getDb();
  if (!(await q.getConversation(db, ownerId, id))) return undefined;
  const page = await q.getMessagesBefore(db, ownerId, id, { limit: query.limit, beforeId: query.before });
  if (!page) {
    throw new AppError("invalid_request", "`before` is not a message of this conversation", [
      { field: "before", message: "Not a message of this conversation" },
    ]);
  }
  return { messages: await toUIMessages(db, id, page.rows), hasEarlier: page.hasEarlier };
}

export async function renameConversation(ownerId: string, id: string, title: string): Promise<boolean> {
  return q.renameConversation(getDb(), ownerId, id, title);
}

/**
 * Deleting a conversation also kills its public links. A comparison column is refused (409): deleting it
 * here could leave a comparison with one column; the comparison's column endpoint keeps at least two.
 */
export async function deleteConversation(ownerId: string, id: string): Promise<boolean> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    const c = await q.getConversation(tx, ownerId, id);
    if (!c) return false;
    if (c.comparisonId) {
      throw new AppError(
        "conflict",
        `This conversation is a column of a comparison; remove it with DELETE /api/comparisons/${c.comparisonId}/columns/${id}`,
        [{ field: "id", message: "A comparison column" }],
      );
    }
    await sq.deleteSharesOf(tx, ownerId, "conversation", id);
    return await q.deleteConversation(tx, ownerId, id);
  });
}

/** `POST /api/conversations/:id/versions` */
export const selectVersionSchema = z.strictObject({
  messageId: z.string().min(1, "Message id cannot be empty").max(200, "Message id is too long"),
});

/** The shown branch from a version change as UI messages, or the refusal as an error naming messageId. */
async function versionOutcome(db: Db, id: string, result: vq.VersionResult): Promise<ChatUIMessage[]> {
  if (result.ok) return await toUIMessages(db, id, result.rows);
  const field = (message: string) => [{ field: "messageId", message }];
  switch (result.reason) {
    case "streaming":
      throw new AppError(
        "conflict",
        "An answer is streaming in this conversation; wait for it or stop it",
        field("The conversation is streaming"),
      );
    case "not_a_version":
      throw new AppError(
        "invalid_request",
        "This message is not a version of a message shown",
        field("Not beside a shown message"),
      );
    case "only_version":
      throw new AppError(
        "invalid_request",
        "This is the message's only version; delete the conversation instead",
        field("The only version"),
      );
    default:
      throw new AppError("not_found", "Message not found");
  }
}

/**
 * Show another version of a message: the shown branch from that message on, with versions (what the page
 * puts in place of the message it replaces and everything after it).
 */
export async function selectVersion(
  ownerId: string,
  id: string,
  body: z.output<typeof selectVersionSchema>,
): Promise<ChatUIMessage[]> {
  const db = getDb();
  return versionOutcome(db, id, await vq.selectVersion(db, ownerId, id, body.messageId));
}

/** Delete a version of a message and what followed it; the shown branch from there on, as for selectVersion. */
export async function deleteVersion(
  ownerId: string,
  id: string,
  messageId: string,
): Promise<ChatUIMessage[]> {
  const db = getDb();
  return versionOutcome(db, id, await vq.deleteVersion(db, ownerId, id, messageId));
}

/** Every version of a message (a regenerated answer's samples), oldest first, with usage and timings. */
export async function getMessageVersions(
  ownerId: string,
  id: string,
  messageId: string,
): Promise<ChatUIMessage[]> {
  const rows = await vq.messageVersions(getDb(), ownerId, id, messageId);
  if (!rows) throw new AppError("not_found", "Message not found");
  return rows.map((m) => toUIMessage(m));
}
