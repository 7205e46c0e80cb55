import "server-only";
import { type Db, writeTransaction } from "@/db/client";
import * as bq from "@/db/queries/blind";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import type { BlindVoteRow } from "@/db/schema";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type GenerationParams, generationParamsSchema } from "@/lib/params";
import {
  answerForTurn,
  type BlindCandidate,
  type BlindState,
  type BlindTally,
  type BlindVote,
  currentOrder,
  shuffledOrder,
  tallyVotes,
} from "./blind";
import type { BlindVoteRequest } from "./request-schema";

const notFound = () => new AppError("not_found", "Comparison not found");
const conflict = (field: string, message: string) => new AppError("conflict", message, [{ field, message }]);

const readParams = (stored: unknown): GenerationParams => {
  const parsed = generationParamsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
};

function toBlindVote(row: BlindVoteRow): BlindVote {
  return {
    turn: row.turn,
    winnerColumnId: row.winnerColumnId,
    candidates: row.candidates.map((c) => ({ ...c, params: readParams(c.params) })),
    revealedAt: row.revealedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The blind state of an owned comparison (its existence checked by the caller). */
export async function readBlindState(db: Db, ownerId: string, comparisonId: string): Promise<BlindState> {
  const stored = (await bq.getBlindOrder(db, ownerId, comparisonId)) ?? null;
  const columnIds = (await cq.getColumns(db, ownerId, comparisonId)).map((c) => c.id);
  return {
    order: stored ? currentOrder(stored, columnIds) : null,
    votes: (await bq.getVotes(db, ownerId, comparisonId)).map(toBlindVote),
  };
}

export async function getBlindState(ownerId: string, comparisonId: string): Promise<BlindState> {
  const db = getDb();
  if (!(await cq.getComparison(db, ownerId, comparisonId))) throw notFound();
  return await readBlindState(db, ownerId, comparisonId);
}

/** Blind mode on: the columns in a new random order, stored so a reload shows the same one. Idempotent. */
export async function startBlind(ownerId: string, comparisonId: string): Promise<BlindState> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    if (!(await cq.getComparison(tx, ownerId, comparisonId))) throw notFound();
    if (!(await bq.getBlindOrder(tx, ownerId, comparisonId))) {
      const ids = (await cq.getColumns(tx, ownerId, comparisonId)).map((c) => c.id);
      await bq.setBlindOrder(tx, ownerId, comparisonId, shuffledOrder(ids));
    }
    return await readBlindState(tx, ownerId, comparisonId);
  });
}

/** Reveal: blind mode off, the original order back, and the votes cast blind count in the results. */
export async function revealBlind(ownerId: string, comparisonId: string): Promise<BlindState> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    if (!(await cq.getComparison(tx, ownerId, comparisonId))) throw notFound();
    await bq.setBlindOrder(tx, ownerId, comparisonId, null);
    await bq.revealVotes(tx, ownerId, comparisonId);
    return await readBlindState(tx, ownerId, comparisonId);
  });
}

/**
 * Mark the better answer to one message (or a tie) while blind. The candidates are what every column
 * answered to that message and with which settings, read here, not sent by the page.
 */
export async function castVote(
  ownerId: string,
  comparisonId: string,
  req: BlindVoteRequest,
): Promise<BlindState> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    if (!(await cq.getComparison(tx, ownerId, comparisonId))) throw notFound();
    if (!(await bq.getBlindOrder(tx, ownerId, comparisonId))) {
      throw conflict("blind", "Blind mode is off: votes are cast blind");
    }
    if ((await bq.getVote(tx, ownerId, comparisonId, req.turn))?.revealedAt) {
      throw conflict("turn", "The vote on this message is revealed already");
    }
    const columns = await cq.getColumns(tx, ownerId, comparisonId);
    if (req.winnerColumnId !== null && !columns.some((c) => c.id === req.winnerColumnId)) {
      throw new AppError("invalid_request", "winnerColumnId: Not a column of this comparison", [
        { field: "winnerColumnId", message: "Not a column of this comparison" },
      ]);
    }
    const candidates: BlindCandidate[] = [];
    for (const col of columns) {
      const messages = await q.getMessages(tx, ownerId, col.id);
      if (messages.filter((m) => m.role === "user").length <= req.turn) {
        throw new AppError("invalid_request", "turn: No such message in every column", [
          { field: "turn", message: "No such message in every column" },
        ]);
      }
      const answer = answerForTurn(messages, req.turn);
      if (!answer || answer.status === "streaming") {
        throw conflict("turn", "Not every column has answered this message yet");
      }
      candidates.push({
        columnId: col.id,
        messageId: answer.id,
        providerId: answer.providerId ?? col.providerId,
        modelId: answer.modelId ?? col.modelId,
        params: readParams(answer.params ?? col.params),
      });
    }
    await bq.upsertVote(tx, ownerId, comparisonId, {
      turn: req.turn,
      winnerColumnId: req.winnerColumnId,
      candidates,
    });
    return await readBlindState(tx, ownerId, comparisonId);
  });
}

export interface BlindResults {
  sets: BlindTally[];
  /** revealed votes counted (a vote between identical settings is not) */
  votes: number;
}

/** Wins, losses and ties per parameter set over every revealed blind vote of the owner. */
export async function blindResults(ownerId: string): Promise<BlindResults> {
  const votes = (await bq.revealedVotes(getDb(), ownerId)).map((v) => ({
    winnerColumnId: v.winnerColumnId,
    candidates: v.candidates.map((c) => ({ ...c, params: readParams(c.params) })),
  }));
  const { sets, counted } = tallyVotes(votes);
  return { sets, votes: counted };
}
