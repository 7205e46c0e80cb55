import "server-only";
import { type Db, writeTransaction } from "@/db/client";
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
export async function listComparisonSummaries(
  ownerId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<ComparisonList> {
  const { items, nextCursor } = await readListPage(page, (window) =>
    cq.listComparisons(getDb(), ownerId, window),
  );
  return { comparisons: items, nextCursor };
}

/** Current titles of the owner's comparisons among `ids`, by id. */
export async function comparisonTitles(ownerId: string, ids: string[]): Promise<Map<string, string>> {
  return new Map((await cq.comparisonTitles(getDb(), ownerId, ids)).map((c) => [c.id, c.title]));
}

export async function getComparisonView(
  ownerId: string,
  id: string,
  db: Db = getDb(),
): Promise<ComparisonView | undefined> {
  const c = await cq.getComparison(db, ownerId, id);
  if (!c) return undefined;
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    columns: await Promise.all(
      (await cq.getColumns(db, ownerId, id)).map(async (col, index) => {
        const params = generationParamsSchema.safeParse(col.params);
        return {
          id: col.id,
          index,
          providerId: col.providerId as ProviderId,
          modelId: col.modelId,
          params: params.success ? params.data : {},
          messages: await toUIMessages(db, col.id, await q.getMessages(db, ownerId, col.id)),
        };
      }),
    ),
    blind: await readBlindState(db, ownerId, id),
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
  await writeTransaction(db, async (tx) => {
    // Checked where the rows are written, so a concurrent request cannot take an id in between.
    if (await cq.comparisonIdTaken(tx, id)) throw conflict("id", "A comparison with this id exists");
    for (const [i, col] of columns.entries()) {
      if (await q.conversationIdTaken(tx, col.id)) {
        throw conflict(`columns.${i}.id`, "A conversation or column with this id exists");
      }
    }
    await cq.createComparison(tx, ownerId, { id, title: req.title ?? DEFAULT_COMPARISON_TITLE, columns });
  });
  return (await getComparisonView(ownerId, id)) as ComparisonView;
}

export async function addColumn(ownerId: string, comparisonId: string, s: ModelSettings & { id?: string }) {
  const db = getDb();
  if (!(await cq.getComparison(db, ownerId, comparisonId))) throw notFound();
  const { params } = await checkModelSettings(s);
  const id = s.id ?? crypto.randomUUID();
  return writeTransaction(db, async (tx) => {
    if (!(await cq.getComparison(tx, ownerId, comparisonId))) throw notFound();
    if ((await cq.getColumns(tx, ownerId, comparisonId)).length >= MAX_COLUMNS) {
      throw new AppError("invalid_request", `A comparison has at most ${MAX_COLUMNS} columns`, [
        { field: "columns", message: "Too many columns" },
      ]);
    }
    if (await q.conversationIdTaken(tx, id))
      throw conflict("id", "A conversation or column with this id exists");
    const col = await cq.addColumn(tx, ownerId, comparisonId, {
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
  const col = await q.getConversation(db, ownerId, columnId);
  if (!col || col.comparisonId !== comparisonId) throw notFound();
  const { params } = await checkModelSettings(s);
  await q.updateConversationSettings(db, ownerId, columnId, {
    providerId: s.providerId,
    modelId: s.modelId,
    params,
  });
}

/** The count check and the delete in one write transaction: two concurrent removals cannot leave one column. */
export async function removeColumn(ownerId: string, comparisonId: string, columnId: string): Promise<void> {
  const db = getDb();
  await writeTransaction(db, async (tx) => {
    if (!(await cq.getComparison(tx, ownerId, comparisonId))) throw notFound();
    if ((await cq.getColumns(tx, ownerId, comparisonId)).length <= MIN_COLUMNS) {
      throw new AppError("invalid_request", `A comparison keeps at least ${MIN_COLUMNS} columns`, [
        { field: "columns", message: "Too few columns" },
      ]);
    }
    if (!(await cq.removeColumn(tx, ownerId, comparisonId, columnId))) throw notFound();
  });
}

export async function renameComparison(ownerId: string, id: string, title: string): Promise<void> {
  if (!(await cq.renameComparison(getDb(), ownerId, id, title))) throw notFound();
}

/** Deleting a comparison deletes its columns, their messages and its public links. */
export async function deleteComparison(ownerId: string, id: string): Promise<void> {
  const db = getDb();
  const deleted = await writeTransaction(db, async (tx) => {
    await sq.deleteSharesOf(tx, ownerId, "comparison", id);
    return await cq.deleteComparison(tx, ownerId, id);
  });
  if (!deleted) throw notFound();
}

/** "Continue as chat": a new standalone conversation with the column's history and parameters. */
export async function continueAsChat(
  ownerId: string,
  comparisonId: string,
  columnId: string,
): Promise<{ conversationId: string }> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    const cmp = await cq.getComparison(tx, ownerId, comparisonId);
    if (!cmp) throw notFound();
    const copy = await cq.copyColumnToConversation(
      tx,
      ownerId,
      comparisonId,
      columnId,
      crypto.randomUUID(),
      () => crypto.randomUUID(),
    );
    if (!copy) throw notFound();
    await q.renameConversation(tx, ownerId, copy.id, cmp.title);
    return { conversationId: copy.id };
  });
}
