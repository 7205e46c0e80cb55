import "server-only";
import { writeTransaction } from "@/db/client";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import * as sq from "@/db/queries/shares";
import type { ProviderId } from "@/lib/ai/models";
import { toUIMessages } from "@/lib/chat/conversations";
import { DEFAULT_COMPARISON_TITLE } from "@/lib/chat/defaults";
import { checkModelSettings } from "@/lib/chat/model-settings";
import type { ModelSettings } from "@/lib/chat/request-schema";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readListPage } from "@/lib/list-page";
import { generationParamsSchema } from "@/lib/params";
import { readBlindState } from "./blind-votes";
import type { CreateComparisonRequest } from "./request-schema";
import { type ComparisonList, type ComparisonView, MAX_COLUMNS, MIN_COLUMNS } from "./types";

const notFound = () => new AppError("not_found", "Comparison not found");

/** One page of the sidebar's comparisons, newest first; `cursor` is the previous page's `nextCursor`. */
export function listComparisonSummaries(
  ownerId: string,
  page: { cursor?: string; limit?: number } = {},
): ComparisonList {
  const { items, nextCursor } = readListPage(page, (window) => cq.listComparisons(getDb(), ownerId, window));
  return { comparisons: items, nextCursor };
}

/** Current titles of the owner's comparisons among `ids`, by id. */
export function comparisonTitles(ownerId: string, ids: string[]): Map<string, string> {
  return new Map(cq.comparisonTitles(getDb(), ownerId, ids).map((c) => [c.id, c.title]));
}

export function getComparisonView(ownerId: string, id: string): ComparisonView | undefined {
  const db = getDb();
  const c = cq.getComparison(db, ownerId, id);
  if (!c) return undefined;
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    columns: cq.getColumns(db, ownerId, id).map((col, index) => {
      const params = generationParamsSchema.safeParse(col.params);
      return {
        id: col.id,
        index,
        providerId: col.providerId as ProviderId,
        modelId: col.modelId,
        params: params.success ? params.data : {},
        messages: toUIMessages(db, col.id, q.getMessages(db, ownerId, col.id)),
      };
    }),
    blind: readBlindState(db, ownerId, id),
  };
}

const conflict = (field: string, message: string) => new AppError("conflict", message, [{ field, message }]);

export async function createComparison(
  ownerId: string,
  req: CreateComparisonRequest,
): Promise<ComparisonView> {
  const columns = await Promise.all(
    req.columns.map(async (col, i) => {
      const { params } = await checkModelSettings(col, `columns.${i}.`);
      return { id: col.id ?? crypto.randomUUID(), providerId: col.providerId, modelId: col.modelId, params };
    }),
  );
  columns.forEach((col, i) => {
    if (columns.findIndex((c) => c.id === col.id) !== i) {
      throw new AppError("invalid_request", `columns.${i}.id: Two columns have the same id`, [
        { field: `columns.${i}.id`, message: "Duplicate column id" },
      ]);
    }
  });
  const id = req.id ?? crypto.randomUUID();
  const db = getDb();
  writeTransaction(db, () => {
    // Checked where the rows are written, so a concurrent request cannot take an id in between.
    if (cq.comparisonIdTaken(db, id)) throw conflict("id", "A comparison with this id exists");
    columns.forEach((col, i) => {
      if (q.conversationIdTaken(db, col.id)) {
        throw conflict(`columns.${i}.id`, "A conversation or column with this id exists");
      }
    });
    cq.createComparison(db, ownerId, { id, title: req.title ?? DEFAULT_COMPARISON_TITLE, columns });
  });
  return getComparisonView(ownerId, id) as ComparisonView;
}

export async function addColumn(ownerId: string, comparisonId: string, s: ModelSettings & { id?: string }) {
  const db = getDb();
  if (!cq.getComparison(db, ownerId, comparisonId)) throw notFound();
  const { params } = await checkModelSettings(s);
  const id = s.id ?? crypto.randomUUID();
  return writeTransaction(db, () => {
    if (!cq.getComparison(db, ownerId, comparisonId)) throw notFound();
    if (cq.getColumns(db, ownerId, comparisonId).length >= MAX_COLUMNS) {
      throw new AppError("invalid_request", `A comparison has at most ${MAX_COLUMNS} columns`, [
        { field: "columns", message: "Too many columns" },
      ]);
    }
    if (q.conversationIdTaken(db, id)) throw conflict("id", "A conversation or column with this id exists");
    const col = cq.addColumn(db, ownerId, comparisonId, {
      id,
      providerId: s.providerId,
      modelId: s.modelId,
      params,
    });
    if (!col) throw notFound();
    return { id: col.id };
  });
}

/** Save a column's model and parameters without sending (so a reload restores unsent edits). */
export async function updateColumn(
  ownerId: string,
  comparisonId: string,
  columnId: string,
  s: ModelSettings,
) {
  const db = getDb();
  const col = q.getConversation(db, ownerId, columnId);
  if (!col || col.comparisonId !== comparisonId) throw notFound();
  const { params } = await checkModelSettings(s);
  q.updateConversationSettings(db, ownerId, columnId, {
    providerId: s.providerId,
    modelId: s.modelId,
    params,
  });
}

/** The count check and the delete in one write transaction: two concurrent removals cannot leave one column. */
export function removeColumn(ownerId: string, comparisonId: string, columnId: string): void {
  const db = getDb();
  writeTransaction(db, () => {
    if (!cq.getComparison(db, ownerId, comparisonId)) throw notFound();
    if (cq.getColumns(db, ownerId, comparisonId).length <= MIN_COLUMNS) {
      throw new AppError("invalid_request", `A comparison keeps at least ${MIN_COLUMNS} columns`, [
        { field: "columns", message: "Too few columns" },
      ]);
    }
    if (!cq.removeColumn(db, ownerId, comparisonId, columnId)) throw notFound();
  });
}

export function renameComparison(ownerId: string, id: string, title: string): void {
  if (!cq.renameComparison(getDb(), ownerId, id, title)) throw notFound();
}

/** Deleting a comparison deletes its columns, their messages and its public links. */
export function deleteComparison(ownerId: string, id: string): void {
  const db = getDb();
  const deleted = writeTransaction(db, () => {
    sq.deleteSharesOf(db, ownerId, "comparison", id);
    return cq.deleteComparison(db, ownerId, id);
  });
  if (!deleted) throw notFound();
}

/** "Continue as chat": a new standalone conversation with the column's history and parameters. */
export function continueAsChat(
  ownerId: string,
  comparisonId: string,
  columnId: string,
): { conversationId: string } {
  const db = getDb();
  return writeTransaction(db, () => {
    const cmp = cq.getComparison(db, ownerId, comparisonId);
    if (!cmp) throw notFound();
    const copy = cq.copyColumnToConversation(db, ownerId, comparisonId, columnId, crypto.randomUUID(), () =>
      crypto.randomUUID(),
    );
    if (!copy) throw notFound();
    q.renameConversation(db, ownerId, copy.id, cmp.title);
    return { conversationId: copy.id };
  });
}
