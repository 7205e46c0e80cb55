import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type ShareRow, shares } from "../schema";

export type NewShare = Omit<ShareRow, "ownerId" | "revokedAt">;

export function insertShare(db: Db, ownerId: string, s: NewShare): ShareRow {
  return db
    .insert(shares)
    .values({ ...s, ownerId })
    .returning()
    .get();
}

/** Public lookup by token: the token itself is the capability, so this one is not owner-scoped. */
export function getShareByToken(db: Db, token: string): ShareRow | undefined {
  return db.select().from(shares).where(eq(shares.token, token)).get();
}

export function getOwnedShare(db: Db, ownerId: string, token: string): ShareRow | undefined {
  return db
    .select()
    .from(shares)
    .where(and(eq(shares.token, token), eq(shares.ownerId, ownerId)))
    .get();
}

export function listShares(db: Db, ownerId: string): ShareRow[] {
  return db.select().from(shares).where(eq(shares.ownerId, ownerId)).orderBy(desc(shares.createdAt)).all();
}

export function sharesOf(db: Db, ownerId: string, kind: ShareRow["kind"], targetId: string): ShareRow[] {
  return db
    .select()
    .from(shares)
    .where(and(eq(shares.ownerId, ownerId), eq(shares.kind, kind), eq(shares.targetId, targetId)))
    .orderBy(desc(shares.createdAt))
    .all();
}

export function updateShare(
  db: Db,
  ownerId: string,
  token: string,
  patch: Partial<Pick<ShareRow, "snapshot" | "title" | "updatedAt" | "expiresAt" | "revokedAt">>,
): ShareRow | undefined {
  return db
    .update(shares)
    .set(patch)
    .where(and(eq(shares.token, token), eq(shares.ownerId, ownerId)))
    .returning()
    .get();
}

export function deleteSharesOf(db: Db, ownerId: string, kind: ShareRow["kind"], targetId: string): void {
  db.delete(shares)
    .where(and(eq(shares.ownerId, ownerId), eq(shares.kind, kind), eq(shares.targetId, targetId)))
    .run();
}
