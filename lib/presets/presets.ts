import "server-only";
import { type Db, writeTransaction } from "@/db/client";
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
async function checkName(db: Db, ownerId: string, name: string, exceptId?: string): Promise<void> {
  if (isBuiltInName(name)) throw conflict("name", `"${name}" is a built-in preset: choose another name`);
  const same = await pq.findPresetByName(db, ownerId, name);
  if (same && same.id !== exceptId) throw conflict("name", `A preset named "${name}" already exists`);
}

export async function listSavedPresets(ownerId: string): Promise<SavedPreset[]> {
  return (await pq.listPresets(getDb(), ownerId)).map(toView);
}

export async function createPreset(ownerId: string, input: CreatePreset): Promise<SavedPreset> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    await checkName(tx, ownerId, input.name);
    const id = input.id ?? generateId();
    if (await pq.presetIdTaken(tx, id)) throw conflict("id", "This id is already taken");
    return toView(
      await pq.insertPreset(tx, ownerId, {
        id,
        name: input.name,
        params: normalizeParams(input.params),
        createdAt: Date.now(),
      }),
    );
  });
}

export async function updatePreset(ownerId: string, id: string, input: UpdatePreset): Promise<SavedPreset> {
  const db = getDb();
  return writeTransaction(db, async (tx) => {
    if (!(await pq.getPreset(tx, ownerId, id))) throw notFound();
    if (input.name !== undefined) await checkName(tx, ownerId, input.name, id);
    const row = await pq.updatePreset(tx, ownerId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.params !== undefined ? { params: normalizeParams(input.params) } : {}),
    });
    if (!row) throw notFound();
    return toView(row);
  });
}

export async function deletePreset(ownerId: string, id: string): Promise<void> {
  if (!(await pq.deletePreset(getDb(), ownerId, id))) throw notFound();
}

/** The owner's presets as an export file carries them. */
export async function exportPresets(ownerId: string): Promise<ExportedPreset[]> {
  return (await listSavedPresets(ownerId)).map((p) => ({ name: p.name, params: p.params }));
}

/**
 * Presets from an imported file: a new name is added; a name the owner already uses with the same
 * parameters is skipped, with other parameters it is added as "name (imported)" (then "(imported 2)"…), so
 * an import never changes a preset the owner has. Runs inside the import's transaction.
 */
export async function importPresets(
  db: Db,
  ownerId: string,
  presets: readonly ExportedPreset[],
): Promise<number> {
  let added = 0;
  for (const p of presets) {
    const params = normalizeParams(p.params);
    const taken = async (name: string) =>
      isBuiltInName(name) || (await pq.findPresetByName(db, ownerId, name)) !== undefined;
    const existing = await pq.findPresetByName(db, ownerId, p.name);
    if (existing && JSON.stringify(normalizeParams(toView(existing).params)) === JSON.stringify(params))
      continue;
    let name = p.name;
    for (let i = 1; await taken(name); i++) name = `${p.name} (imported${i > 1 ? ` ${i}` : ""})`;
    await pq.insertPreset(db, ownerId, { id: generateId(), name, params, createdAt: Date.now() });
    added++;
  }
  return added;
}
