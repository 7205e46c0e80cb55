import "server-only";
import { writeTransaction } from "@/db/client";
import * as pq from "@/db/queries/param-presets";
import type { ParamPresetRow } from "@/db/schema";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { generateId } from "@/lib/ids";
import { generationParamsSchema, normalizeParams } from "@/lib/params";
import { isBuiltInName } from "./built-in";
import type { CreatePreset, UpdatePreset } from "./request-schema";
import type { ExportedPreset, SavedPreset } from "./types";

function toView(row: ParamPresetRow): SavedPreset {
  const parsed = generationParamsSchema.safeParse(row.params);
  return {
    id: row.id,
    name: row.name,
    params: parsed.success ? parsed.data : {},
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const conflict = (field: string, message: string) => new AppError("conflict", message, [{ field, message }]);
const notFound = () => new AppError("not_found", "No such preset", [{ field: "id", message: "Not found" }]);

/** A name that is free for this owner (other than the preset `exceptId`), else a 409 naming `name`. */
function checkName(ownerId: string, name: string, exceptId?: string): void {
  if (isBuiltInName(name)) throw conflict("name", `"${name}" is a built-in preset: choose another name`);
  const same = pq.findPresetByName(getDb(), ownerId, name);
  if (same && same.id !== exceptId) throw conflict("name", `A preset named "${name}" already exists`);
}

export function listSavedPresets(ownerId: string): SavedPreset[] {
  return pq.listPresets(getDb(), ownerId).map(toView);
}

export function createPreset(ownerId: string, input: CreatePreset): SavedPreset {
  const db = getDb();
  return writeTransaction(db, () => {
    checkName(ownerId, input.name);
    const id = input.id ?? generateId();
    if (pq.presetIdTaken(db, id)) throw conflict("id", "This id is already taken");
    return toView(
      pq.insertPreset(db, ownerId, {
        id,
        name: input.name,
        params: normalizeParams(input.params),
        createdAt: Date.now(),
      }),
    );
  });
}

export function updatePreset(ownerId: string, id: string, input: UpdatePreset): SavedPreset {
  const db = getDb();
  return writeTransaction(db, () => {
    if (!pq.getPreset(db, ownerId, id)) throw notFound();
    if (input.name !== undefined) checkName(ownerId, input.name, id);
    const row = pq.updatePreset(db, ownerId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.params !== undefined ? { params: normalizeParams(input.params) } : {}),
    });
    if (!row) throw notFound();
    return toView(row);
  });
}

export function deletePreset(ownerId: string, id: string): void {
  if (!pq.deletePreset(getDb(), ownerId, id)) throw notFound();
}

/** The owner's presets as an export file carries them. */
export function exportPresets(ownerId: string): ExportedPreset[] {
  return listSavedPresets(ownerId).map((p) => ({ name: p.name, params: p.params }));
}

/**
 * Presets from an imported file: a new name is added; a name the owner already uses with the same
 * parameters is skipped, with other parameters it is added as "name (imported)" (then "(imported 2)"…), so
 * an import never changes a preset the owner has. Runs inside the import's transaction.
 */
export function importPresets(ownerId: string, presets: readonly ExportedPreset[]): number {
  const db = getDb();
  let added = 0;
  for (const p of presets) {
    const params = normalizeParams(p.params);
    const taken = (name: string) =>
      isBuiltInName(name) || pq.findPresetByName(db, ownerId, name) !== undefined;
    const existing = pq.findPresetByName(db, ownerId, p.name);
    if (existing && JSON.stringify(normalizeParams(toView(existing).params)) === JSON.stringify(params))
      continue;
    let name = p.name;
    for (let i = 1; taken(name); i++) name = `${p.name} (imported${i > 1 ? ` ${i}` : ""})`;
    pq.insertPreset(db, ownerId, { id: generateId(), name, params, createdAt: Date.now() });
    added++;
  }
  return added;
}
