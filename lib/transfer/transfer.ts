import "server-only";
import { type Db, writeTransaction } from "@/db/client";
import * as bq from "@/db/queries/blind";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import * as sq from "@/db/queries/shares";
import * as vq from "@/db/queries/versions";
import type { ConversationRow, MessageRow } from "@/db/schema";
import { providerName } from "@/lib/ai/provider-registry";
import { currentOrder } from "@/lib/compare/blind";
import { readBlindState } from "@/lib/compare/blind-votes";
import { getDb } from "@/lib/db";
import { AppError, invalidRequest, parseJsonText } from "@/lib/errors";
import { describeParams, type GenerationParams, generationParamsSchema } from "@/lib/params";
import { exportPresets, importPresets } from "@/lib/presets/presets";
import type { ExportedPreset } from "@/lib/presets/types";
import { inertMarkdown } from "@/lib/security/inert-markdown";
import type { SharedMessage, ShareSnapshot } from "@/lib/share/types";
import {
  EXPORT_VERSION,
  type ExportedBlind,
  type ExportedComparison,
  type ExportedConversation,
  type ExportedMessage,
  type ExportedVersion,
  importSchema,
} from "./format";

const notFound = (what: string) => new AppError("not_found", `${what} not found`);

function readParams(stored: unknown): GenerationParams {
  const parsed = generationParamsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

function exportMessage(m: MessageRow): ExportedMessage {
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    providerId: m.providerId as ExportedMessage["providerId"],
    modelId: m.modelId,
    params: m.params ? readParams(m.params) : null,
    paramsSent: m.paramsSent,
    usage: m.usage,
    timings: m.timings,
    finishReason: m.finishReason,
    status: m.status,
    error: m.error,
    createdAt: m.createdAt,
  };
}

/** The earlier versions of a conversation's messages, when it has any (absent otherwise, as before them). */
async function exportVersions(db: Db, conversationId: string): Promise<{ versions?: ExportedVersion[] }> {
  const rows = await vq.hiddenVersions(db, conversationId);
  if (rows.length === 0) return {};
  return {
    versions: rows.map((m) => ({
      ...exportMessage(m),
      id: m.id,
      parentId: m.parentId,
      selected: m.selected,
    })),
  };
}

function exportSettings(c: ConversationRow) {
  return {
    providerId: c.providerId as ExportedConversation["conversation"]["providerId"],
    modelId: c.modelId,
    params: readParams(c.params),
  };
}

export async function exportConversation(ownerId: string, id: string): Promise<ExportedConversation> {
  const db = getDb();
  const c = await q.getConversation(db, ownerId, id);
  if (!c) throw notFound("Conversation");
  return {
    format: "speciale-playground/conversation",
    version: EXPORT_VERSION,
    exportedAt: Date.now(),
    presets: await exportPresets(ownerId),
    conversation: {
      id: c.id,
      title: c.title,
      ...exportSettings(c),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      messages: (await q.getMessages(db, ownerId, id)).map(exportMessage),
      ...(await exportVersions(db, id)),
    },
  };
}

export async function exportComparison(ownerId: string, id: string): Promise<ExportedComparison> {
  const db = getDb();
  const c = await cq.getComparison(db, ownerId, id);
  if (!c) throw notFound("Comparison");
  return {
    format: "speciale-playground/comparison",
    version: EXPORT_VERSION,
    exportedAt: Date.now(),
    presets: await exportPresets(ownerId),
    comparison: {
      id: c.id,
      title: c.title,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      columns: await Promise.all(
        (await cq.getColumns(db, ownerId, id)).map(async (col) => ({
          id: col.id,
          ...exportSettings(col),
          messages: (await q.getMessages(db, ownerId, col.id)).map(exportMessage),
          ...(await exportVersions(db, col.id)),
        })),
      ),
      ...(await exportBlind(db, ownerId, id)),
    },
  };
}

/** The blind order and votes, when the comparison has either (absent otherwise, as before blind A/B). */
async function exportBlind(
  db: Db,
  ownerId: string,
  comparisonId: string,
): Promise<{ blind?: ExportedBlind }> {
  const { order, votes } = await readBlindState(db, ownerId, comparisonId);
  if (!order && votes.length === 0) return {};
  return {
    blind: {
      order,
      votes: votes.map((v) => ({
        ...v,
        candidates: v.candidates.map((c) => ({
          ...c,
          providerId: c.providerId as ExportedConversation["conversation"]["providerId"],
        })),
      })),
    },
  };
}

// ---- Markdown -------------------------------------------------------------------------------

/** Text inside <details> must not close it early or inject tags; everything else stays Markdown. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fmtMs(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : `${(ms / 1000).toFixed(2)} s`;
}

function messageMarkdown(m: ExportedMessage): string {
  if (m.role === "user") return `### User\n\n${inertMarkdown(m.content)}\n`;
  const provider = m.providerId ? providerName(m.providerId) : undefined;
  const head = `### Assistant${m.modelId ? ` — ${[provider, m.modelId].filter(Boolean).join(" · ")}` : ""}`;
  const out = [head, ""];
  if (m.reasoning) {
    const secs = fmtMs(m.timings?.firstAnswerMs);
    out.push(
      `<details><summary>Reasoning${secs ? ` (answer after ${secs})` : ""}</summary>`,
      "",
      `<pre>${escapeHtml(m.reasoning)}</pre>`,
      "",
      "</details>",
      "",
    );
  }
  // Opened in another viewer, the export must fetch nothing the app itself would not.
  if (m.content) out.push(inertMarkdown(m.content), "");
  if (m.status === "error" && m.error) out.push(`> **Error:** ${inertMarkdown(m.error.message)}`, "");
  if (m.status === "stopped") out.push("> Stopped by the user.", "");
  if (m.status === "length") out.push("> Cut by the max tokens limit.", "");
  const facts = [
    ...describeParams(m.params ?? {}),
    m.usage?.promptTokens !== undefined ? `prompt ${m.usage.promptTokens} tok` : undefined,
    m.usage?.completionTokens !== undefined ? `completion ${m.usage.completionTokens} tok` : undefined,
    m.usage?.reasoningTokens !== undefined ? `reasoning ${m.usage.reasoningTokens} tok` : undefined,
    m.timings?.totalMs !== undefined ? `total ${fmtMs(m.timings.totalMs)}` : undefined,
    m.timings?.tokensPerSecond !== undefined ? `${m.timings.tokensPerSecond} tok/s` : undefined,
    m.finishReason ? `finish ${m.finishReason}` : undefined,
  ].filter(Boolean);
  if (facts.length) out.push(`<sub>${escapeHtml(facts.join(" · "))}</sub>`, "");
  return out.join("\n");
}

export function conversationMarkdown(e: ExportedConversation): string {
  const c = e.conversation;
  return [
    `# ${c.title}`,
    "",
    `_Exported from Speciale Playground on ${new Date(e.exportedAt).toISOString()}._`,
    "",
    ...c.messages.map(messageMarkdown),
  ].join("\n");
}

export function comparisonMarkdown(e: ExportedComparison): string {
  const c = e.comparison;
  return [
    `# ${c.title}`,
    "",
    `_Comparison of ${c.columns.length} columns, exported from Speciale Playground on ${new Date(e.exportedAt).toISOString()}._`,
    "",
    ...c.columns.flatMap((col, i) => [
      `## Column ${i + 1} — ${providerName(col.providerId)} · ${col.modelId}`,
      "",
      describeParams(col.params).join(" · ") || "provider defaults",
      "",
      ...col.messages.map(messageMarkdown),
    ]),
  ].join("\n");
}

// ---- Import and copies ------------------------------------------------------------------------

function toRows(messages: ExportedMessage[]) {
  return messages.map((m) => ({
    id: crypto.randomUUID(),
    role: m.role,
    content: m.content,
    reasoning: m.reasoning ?? null,
    providerId: m.providerId ?? null,
    modelId: m.modelId ?? null,
    params: m.params ?? null,
    paramsSent: m.paramsSent ?? null,
    usage: m.usage ?? null,
    timings: m.timings ?? null,
    finishReason: m.finishReason ?? null,
    // An answer that was streaming when exported cannot resume.
    status: m.status === "streaming" ? ("stopped" as const) : m.status,
    error: m.error ?? null,
    createdAt: m.createdAt,
  }));
}

/**
 * An imported conversation's earlier versions, each after its parent (a message of the shown branch, or
 * another version), all with new ids. A version beside a shown message is not the selected one; deeper,
 * `selected` says which branch comes back when its ancestor is chosen. A parent that is nowhere is a 400.
 */
async function insertVersions(
  db: Db,
  conversationId: string,
  shown: ExportedMessage[],
  shownRows: { id: string }[],
  versions: ExportedVersion[] | undefined,
  field: string,
): Promise<void> {
  if (!versions?.length) return;
  const placed = new Map<string, { id: string; seq: number; shown: boolean }>();
  shown.forEach((m, seq) => {
    const row = shownRows[seq];
    if (m.id && row) placed.set(m.id, { id: row.id, seq, shown: true });
  });
  const index = new Map(versions.map((v, i) => [v, i]));
  let pending = versions;
  while (pending.length > 0) {
    const waiting: ExportedVersion[] = [];
    for (const v of pending) {
      const i = index.get(v) ?? 0;
      if (placed.has(v.id)) {
        throw new AppError("invalid_request", "Two messages of the file have the same id", [
          { field: `${field}.${i}.id`, message: "Duplicate id" },
        ]);
      }
      const parent = v.parentId === null ? null : placed.get(v.parentId);
      if (parent === undefined) {
        waiting.push(v);
        continue;
      }
      const [row] = toRows([v]);
      const seq = parent ? parent.seq + 1 : 0;
      const besideShown = parent ? parent.shown : shown.length > 0;
      await vq.insertHiddenVersion(db, {
        ...row,
        conversationId,
        parentId: parent?.id ?? null,
        seq,
        selected: !besideShown && v.selected,
      });
      placed.set(v.id, { id: row.id, seq, shown: false });
    }
    if (waiting.length === pending.length) {
      const i = index.get(waiting[0]) ?? 0;
      throw new AppError("invalid_request", "A version follows a message that is not in the file", [
        { field: `${field}.${i}.parentId`, message: "No message with this id" },
      ]);
    }
    pending = waiting;
  }
}

export type ImportResult = { kind: "conversation" | "comparison"; id: string; url: string };

async function insertConversation(
  ownerId: string,
  c: ExportedConversation["conversation"],
  presets: ExportedPreset[] = [],
): Promise<ImportResult> {
  const db = getDb();
  const id = crypto.randomUUID();
  await writeTransaction(db, async (tx) => {
    await importPresets(tx, ownerId, presets);
    await q.ensureConversation(tx, ownerId, {
      id,
      title: c.title,
      providerId: c.providerId,
      modelId: c.modelId,
      params: c.params,
    });
    const rows = toRows(c.messages);
    await q.appendMessages(tx, ownerId, id, rows);
    await insertVersions(tx, id, c.messages, rows, c.versions, "conversation.versions");
  });
  return { kind: "conversation", id, url: `/c/${id}` };
}

async function insertComparison(
  ownerId: string,
  c: ExportedComparison["comparison"],
  presets: ExportedPreset[] = [],
): Promise<ImportResult> {
  const db = getDb();
  const id = crypto.randomUUID();
  await writeTransaction(db, async (tx) => {
    await importPresets(tx, ownerId, presets);
    const columns = c.columns.map((col) => ({
      id: crypto.randomUUID(),
      providerId: col.providerId,
      modelId: col.modelId,
      params: col.params,
    }));
    await cq.createComparison(tx, ownerId, { id, title: c.title, columns });
    // The file's column and message ids, to the new ones (for the blind order and votes).
    const newIds = new Map<string, string>();
    for (const [i, col] of columns.entries()) {
      const { id: fileId, messages, versions } = c.columns[i];
      const rows = toRows(messages);
      await q.appendMessages(tx, ownerId, col.id, rows);
      await insertVersions(tx, col.id, messages, rows, versions, `comparison.columns.${i}.versions`);
      if (fileId) newIds.set(fileId, col.id);
      messages.forEach((m, seq) => {
        const row = rows[seq];
        if (m.id && row) newIds.set(m.id, row.id);
      });
    }
    if (c.blind)
      await insertBlind(
        tx,
        ownerId,
        id,
        c.blind,
        newIds,
        columns.map((col) => col.id),
      );
  });
  return { kind: "comparison", id, url: `/compare/${id}` };
}

/**
 * An imported comparison's blind order and votes, with the new ids. A vote's candidate may be a column
 * removed before the export: it gets a new id of its own. An order naming a column that is not in the
 * file, two votes on one message or a winner that is none of the candidates is a 400.
 */
async function insertBlind(
  db: Db,
  ownerId: string,
  comparisonId: string,
  blind: ExportedBlind,
  newIds: Map<string, string>,
  columnIds: string[],
): Promise<void> {
  const field = "comparison.blind";
  const bad = (path: string, message: string) =>
    new AppError("invalid_request", `${field}.${path}: ${message}`, [{ field: `${field}.${path}`, message }]);
  const mapped = (fileId: string) => {
    let id = newIds.get(fileId);
    if (!id) {
      id = crypto.randomUUID();
      newIds.set(fileId, id);
    }
    return id;
  };
  if (blind.order) {
    const order = blind.order.map((fileId, i) => {
      const id = newIds.get(fileId);
      if (!id || !columnIds.includes(id)) throw bad(`order.${i}`, "Not a column of this comparison");
      return id;
    });
    await bq.setBlindOrder(db, ownerId, comparisonId, currentOrder(order, columnIds));
  }
  const turns = new Set<number>();
  for (const [i, v] of blind.votes.entries()) {
    if (turns.has(v.turn)) throw bad(`votes.${i}.turn`, "Two votes on one message");
    turns.add(v.turn);
    if (v.winnerColumnId !== null && !v.candidates.some((c) => c.columnId === v.winnerColumnId)) {
      throw bad(`votes.${i}.winnerColumnId`, "Not one of the vote's candidates");
    }
    await bq.upsertVote(db, ownerId, comparisonId, {
      turn: v.turn,
      winnerColumnId: v.winnerColumnId === null ? null : mapped(v.winnerColumnId),
      candidates: v.candidates.map((c) => ({
        ...c,
        columnId: mapped(c.columnId),
        messageId: mapped(c.messageId),
      })),
      revealedAt: v.revealedAt,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    });
  }
}

/**
 * Import an exported JSON file (already read within MAX_IMPORT_BYTES) as a new conversation or comparison;
 * validated whole (nesting depth and array lengths included), then written in one transaction: all or nothing.
 */
export async function importExport(ownerId: string, text: string): Promise<ImportResult> {
  const parsed = importSchema.safeParse(parseJsonText(text, "file"));
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  return parsed.data.format === "speciale-playground/conversation"
    ? insertConversation(ownerId, parsed.data.conversation, parsed.data.presets ?? [])
    : insertComparison(ownerId, parsed.data.comparison, parsed.data.presets ?? []);
}

function fromShared(m: SharedMessage): ExportedMessage {
  return {
    role: m.role,
    content: m.text,
    reasoning: m.reasoning,
    providerId: m.providerId,
    modelId: m.modelId,
    params: m.params,
    paramsSent: m.paramsSent,
    usage: m.usage,
    timings: m.timings,
    finishReason: m.finishReason,
    status: m.status ?? "complete",
    error: m.errorMessage ? { code: "shared", message: m.errorMessage, retryable: true } : undefined,
    createdAt: m.createdAt,
  };
}

function lastSettings(messages: SharedMessage[], fallback: SharedMessage["providerId"]) {
  const last = messages.findLast((m) => m.role === "assistant" && m.providerId && m.modelId);
  return {
    providerId: last?.providerId ?? fallback ?? "offline",
    modelId: last?.modelId ?? "offline/ngram",
    params: last?.params ?? {},
  };
}

/** "Open a copy": the owner forks a shared snapshot into a new conversation or comparison. */
export async function forkShare(ownerId: string, token: string): Promise<ImportResult> {
  const share = await sq.getShareByToken(getDb(), token);
  if (!share || share.ownerId !== ownerId || share.revokedAt) throw notFound("Share link");
  const snap = share.snapshot as unknown as ShareSnapshot;
  const now = Date.now();
  if (snap.kind === "conversation") {
    return insertConversation(ownerId, {
      title: `${snap.title} (copy)`,
      ...lastSettings(snap.messages, undefined),
      createdAt: now,
      updatedAt: now,
      messages: snap.messages.map(fromShared),
    });
  }
  return insertComparison(ownerId, {
    title: `${snap.title} (copy)`,
    createdAt: now,
    updatedAt: now,
    columns: snap.columns.map((col) => ({
      providerId: col.providerId,
      modelId: col.modelId,
      params: col.params,
      messages: col.messages.map(fromShared),
    })),
  });
}
