import "server-only";
import { writeTransaction } from "@/db/client";
import * as q from "@/db/queries/conversations";
import * as sq from "@/db/queries/shares";
import type { ConversationRow, MessageRow } from "@/db/schema";
import type { ProviderId } from "@/lib/ai/models";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type GenerationParams, generationParamsSchema } from "@/lib/params";
import type { ChatUIMessage, ConversationSummary, ConversationView } from "./types";

/** Stored params go through the one schema on the way out too; a row that no longer fits is reset. */
function readParams(stored: unknown): GenerationParams {
  const parsed = generationParamsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

function toSummary(c: ConversationRow): ConversationSummary {
  return {
    id: c.id,
    title: c.title,
    providerId: c.providerId as ProviderId,
    modelId: c.modelId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function toUIMessage(m: MessageRow): ChatUIMessage {
  const parts: ChatUIMessage["parts"] = [];
  if (m.reasoning) parts.push({ type: "reasoning", text: m.reasoning, state: "done" });
  if (m.content) parts.push({ type: "text", text: m.content, state: "done" });
  return {
    id: m.id,
    role: m.role,
    parts,
    metadata: {
      createdAt: m.createdAt,
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

export function listConversationSummaries(ownerId: string): ConversationSummary[] {
  return q.listConversations(getDb(), ownerId).map(toSummary);
}

export function getConversationView(ownerId: string, id: string): ConversationView | undefined {
  const db = getDb();
  const c = q.getConversation(db, ownerId, id);
  if (!c) return undefined;
  return {
    ...toSummary(c),
    params: readParams(c.params),
    messages: q.getMessages(db, ownerId, id).map(toUIMessage),
  };
}

export function renameConversation(ownerId: string, id: string, title: string): boolean {
  return q.renameConversation(getDb(), ownerId, id, title);
}

/**
 * Deleting a conversation also kills its public links. A comparison column is refused (409): deleting it
 * here could leave a comparison with one column; the comparison's column endpoint keeps at least two.
 */
export function deleteConversation(ownerId: string, id: string): boolean {
  const db = getDb();
  return writeTransaction(db, () => {
    const c = q.getConversation(db, ownerId, id);
    if (!c) return false;
    if (c.comparisonId) {
      throw new AppError(
        "conflict",
        `This conversation is a column of a comparison; remove it with DELETE /api/comparisons/${c.comparisonId}/columns/${id}`,
        [{ field: "id", message: "A comparison column" }],
      );
    }
    sq.deleteSharesOf(db, ownerId, "conversation", id);
    return q.deleteConversation(db, ownerId, id);
  });
}
