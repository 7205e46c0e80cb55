import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type ParamPresetRow, paramPresets, type StoredParams } from "../schema";

// Every function takes the owner and filters by it inside the query.

export function listPresets(db: Db, ownerId: string): ParamPresetRow[] {
  return db
    .select()
    .from(paramPresets)
    .where(eq(paramPresets.ownerId, ownerId))
    .orderBy(asc(paramPresets.name))
    .all();
}

export function getPreset(db: Db, ownerId: string, id: string): ParamPresetRow | undefined {
  return db
    .select()
    .from(paramPresets)
    .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
    .get();
}

export function findPresetByName(db: Db, ownerId: string, name: string): ParamPresetRow | undefined {
  return db
    .select()
    .from(paramPresets)
    .where(and(eq(paramPresets.ownerId, ownerId), eq(paramPresets.name, name)))
    .get();
}

/** Whether a preset with this id exists for any owner (ids are global). */
export function presetIdTaken(db: Db, id: string): boolean {
  return (
    db.select({ id: paramPresets.id }).from(paramPresets).where(eq(paramPresets.id, id)).get() !== undefined
  );
}

export function insertPreset(
  db: Db,
  ownerId: string,
  p: { id: string; name: string; params: StoredParams; createdAt: number },
): ParamPresetRow {
  return db
    .insert(paramPresets)
    .values({ ...p, ownerId, updatedAt: p.createdAt })
    .returning()
    .get();
}

export function updatePreset(
  db: Db,
  ownerId: string,
  id: string,
  changes: { name?: string; params?: StoredParams },
): ParamPresetRow | undefined {
  return db
    .update(paramPresets)
    .set({ ...changes, updatedAt: Date.now() })
    .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
    .returning()
    .get();
}

export function deletePreset(db: Db, ownerId: string, id: string): boolean {
  return (
    db
      .delete(paramPresets)
      .where(and(eq(paramPresets.id, id), eq(paramPresets.ownerId, ownerId)))
      .run().changes > 0
  );
}
