import "server-only";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { affected, type Db, first } from "../client";
import { type BlindCandidate, type BlindVoteRow, blindVotes, comparisons } from "../schema";

// Every function takes the owner and filters by it inside the query.

/** The stored blind order of an owned comparison (null: not blind); undefined when it is not the owner's. */
export async function getBlindOrder(
  db: Db,
  ownerId: string,
  comparisonId: string,
): Promise<string[] | null | undefined> {
  const row = await db
    .select({ order: comparisons.blindOrder })
    .from(comparisons)
    .where(and(eq(comparisons.id, comparisonId), eq(comparisons.ownerId, ownerId)))
    .then(first);
  return row ? (row.order ?? null) : undefined;
}

export async function setBlindOrder(
  db: Db,
  ownerId: string,
  comparisonId: string,
  order: string[] | null,
): Promise<boolean> {
  const r = await db
    .update(comparisons)
    .set({ blindOrder: order })
    .where(and(eq(comparisons.id, comparisonId), eq(comparisons.ownerId, ownerId)));
  return affected(r) > 0;
}

export async function getVotes(db: Db, ownerId: string, comparisonId: string): Promise<BlindVoteRow[]> {
  return db
    .select()
    .from(blindVotes)
    .where(and(eq(blindVotes.comparisonId, comparisonId), eq(blindVotes.ownerId, ownerId)))
    .orderBy(asc(blindVotes.turn));
}

export async function getVote(
  db: Db,
  ownerId: string,
  comparisonId: string,
  turn: number,
): Promise<BlindVoteRow | undefined> {
  return db
    .select()
    .from(blindVotes)
    .where(
      and(
        eq(blindVotes.comparisonId, comparisonId),
        eq(blindVotes.ownerId, ownerId),
        eq(blindVotes.turn, turn),
      ),
    )
    .then(first);
}

export interface NewVote {
  turn: number;
  winnerColumnId: string | null;
  candidates: BlindCandidate[];
  revealedAt?: number | null;
  createdAt?: number;
  updatedAt?: number;
}

/** Insert or replace the vote on one message (the caller checks it is not revealed yet). */
export async function upsertVote(
  db: Db,
  ownerId: string,
  comparisonId: string,
  v: NewVote,
  now = Date.now(),
): Promise<void> {
  await db
    .insert(blindVotes)
    .values({
      id: crypto.randomUUID(),
      ownerId,
      comparisonId,
      turn: v.turn,
      winnerColumnId: v.winnerColumnId,
      candidates: v.candidates,
      revealedAt: v.revealedAt ?? null,
      createdAt: v.createdAt ?? now,
      updatedAt: v.updatedAt ?? now,
    })
    .onConflictDoUpdate({
      target: [blindVotes.comparisonId, blindVotes.turn],
      set: { winnerColumnId: v.winnerColumnId, candidates: v.candidates, updatedAt: now },
    });
}

/** Reveal: the comparison's blind votes count from now on. */
export async function revealVotes(
  db: Db,
  ownerId: string,
  comparisonId: string,
  now = Date.now(),
): Promise<void> {
  await db
    .update(blindVotes)
    .set({ revealedAt: now })
    .where(
      and(
        eq(blindVotes.comparisonId, comparisonId),
        eq(blindVotes.ownerId, ownerId),
        isNull(blindVotes.revealedAt),
      ),
    );
}

/** Every revealed vote of the owner, across comparisons (the Results). */
export async function revealedVotes(
  db: Db,
  ownerId: string,
): Promise<Pick<BlindVoteRow, "winnerColumnId" | "candidates">[]> {
  return db
    .select({ winnerColumnId: blindVotes.winnerColumnId, candidates: blindVotes.candidates })
    .from(blindVotes)
    .where(and(eq(blindVotes.ownerId, ownerId), isNotNull(blindVotes.revealedAt)));
}
