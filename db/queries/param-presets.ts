import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { affected, type Db, first, one } from "../client";
import { type ParamPresetRow, paramPresets, type StoredParams } from "../schema";

// Every function takes the owner and filters by it inside the query.

export async function listPresets(db: Db, ownerId: string): Promise<ParamPresetRow[]> {
  return db
    .select()
    .from(paramPresets)
    .where(eq(paramPresets.ownerId, ownerId))
    .orderBy(asc(paramPresets.name));
}

export async function getPreset(db: Db, ownerId: string, id: string): Promise<ParamPresetRow | undefined> {
  return db
    .select()
    .from(paramPresets)
    .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
    .then(first);
}

export async function findPresetByName(
  db: Db,
  ownerId: string,
  name: string,
): Promise<ParamPresetRow | undefined> {
  return db
    .select()
    .from(paramPresets)
    .where(and(eq(paramPresets.ownerId, ownerId), eq(paramPresets.name, name)))
    .then(first);
}

/** Whether a preset with this id exists for any owner (ids are global). */
export async function presetIdTaken(db: Db, id: string): Promise<boolean> {
  return (
    (await db
      .select({ id: paramPresets.id })
      .from(paramPresets)
      .where(eq(paramPresets.id, id))
      .then(first)) !== undefined
  );
}

export async function insertPreset(
  db: Db,
  ownerId: string,
  p: { id: string; name: string; params: StoredParams; createdAt: number },
): Promise<ParamPresetRow> {
  return db
    .insert(paramPresets)
    .values({ ...p, ownerId, updatedAt: p.createdAt })
    .returning()
    .then(one);
}

export async function updatePreset(
  db: Db,
  ownerId: string,
  id: string,
  changes: { name?: string; params?: StoredParams },
): Promise<ParamPresetRow | undefined> {
  return db
    .update(paramPresets)
    .set({ ...changes, updatedAt: Date.now() })
    .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
    .returning()
    .then(first);
}

export async function deletePreset(db: Db, ownerId: string, id: string): Promise<boolean> {
  return (
    (await db
      .delete(paramPresets)
      .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
      .then(affected)) > 0
  );
}
