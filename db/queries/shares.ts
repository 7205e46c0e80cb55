import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { type Db, first, one } from "../client";
import { type ShareRow, shares } from "../schema";

export type NewShare = Omit<ShareRow, "ownerId" | "revokedAt">;

export async function insertShare(db: Db, ownerId: string, s: NewShare): Promise<ShareRow> {
  return db
    .insert(shares)
    .values({ ...s, ownerId })
    .returning()
    .then(one);
}

/** Public lookup by token: the token itself is the capability, so this one is not owner-scoped. */
export async function getShareByToken(db: Db, token: string): Promise<ShareRow | undefined> {
  return db.select().from(shares).where(eq(shares.token, token)).then(first);
}

export async function getOwnedShare(db: Db, ownerId: string, token: string): Promise<ShareRow | undefined> {
  return db
    .select()
    .from(shares)
    .where(and(eq(shares.token, token), eq(shares.ownerId, ownerId)))
    .then(first);
}

export async function listShares(db: Db, ownerId: string): Promise<ShareRow[]> {
  return db.select().from(shares).where(eq(shares.ownerId, ownerId)).orderBy(desc(shares.createdAt));
}

export async function sharesOf(
  db: Db,
  ownerId: string,
  kind: ShareRow["kind"],
  targetId: string,
): Promise<ShareRow[]> {
  return db
    .select()
    .from(shares)
    .where(and(eq(shares.ownerId, ownerId), eq(shares.kind, kind), eq(shares.targetId, targetId)))
    .orderBy(desc(shares.createdAt));
}

export async function updateShare(
  db: Db,
  ownerId: string,
  token: string,
  patch: Partial<Pick<ShareRow, "snapshot" | "title" | "updatedAt" | "expiresAt" | "revokedAt">>,
): Promise<ShareRow | undefined> {
  return db
    .update(shares)
    .set(patch)
    .where(and(eq(shares.token, token), eq(shares.ownerId, ownerId)))
    .returning()
    .then(first);
}

export async function deleteSharesOf(
  db: Db,
  ownerId: string,
  kind: ShareRow["kind"],
  targetId: string,
): Promise<void> {
  await db
    .delete(shares)
    .where(and(eq(shares.ownerId, ownerId), eq(shares.kind, kind), eq(shares.targetId, targetId)));
}
