import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type ProviderConfigRow, providerConfigs } from "../schema";

/**
 * Providers configured in the UI. Instance-wide, like the environment they complement: one password means
 * one user (lib/auth/owner.ts), and a provider is the owner's configuration, not a piece of their data.
 */
const listStatements = new WeakMap<Db, { all(): ProviderConfigRow[] }>();

/**
 * Read at every use of a provider (lib/ai/provider-registry.ts), so prepared once per connection: building the
 * query each time cost ~180 µs a call, the prepared one ~11 µs (3 rows).
 */
export function listProviderConfigs(db: Db): ProviderConfigRow[] {
  let statement = listStatements.get(db);
  if (!statement) {
    statement = db
      .select()
      .from(providerConfigs)
      .orderBy(asc(providerConfigs.createdAt), asc(providerConfigs.id))
      .prepare();
    listStatements.set(db, statement);
  }
  return statement.all();
}

export function getProviderConfig(db: Db, id: string): ProviderConfigRow | undefined {
  return db.select().from(providerConfigs).where(eq(providerConfigs.id, id)).get();
}

export function insertProviderConfig(db: Db, row: ProviderConfigRow): ProviderConfigRow {
  return db.insert(providerConfigs).values(row).returning().get();
}

/** A preset's key row is made on first save and replaced after. */
export function upsertPresetKey(
  db: Db,
  id: string,
  key: { apiKeyEncrypted: string; apiKeyHint: string | null },
  now: number,
): ProviderConfigRow {
  return db
    .insert(providerConfigs)
    .values({
      id,
      kind: "preset",
      ...key,
      createdAt: now,
      updatedAt: now,
      name: null,
      baseUrl: null,
      defaultModel: null,
    })
    .onConflictDoUpdate({ target: providerConfigs.id, set: { ...key, updatedAt: now } })
    .returning()
    .get();
}

export type ProviderConfigPatch = Partial<
  Pick<ProviderConfigRow, "name" | "baseUrl" | "apiKeyEncrypted" | "apiKeyHint" | "defaultModel">
>;

export function updateProviderConfig(
  db: Db,
  id: string,
  patch: ProviderConfigPatch,
  now: number,
): ProviderConfigRow | undefined {
  return db
    .update(providerConfigs)
    .set({ ...patch, updatedAt: now })
    .where(eq(providerConfigs.id, id))
    .returning()
    .get();
}

export function deleteProviderConfig(db: Db, id: string): boolean {
  return db.delete(providerConfigs).where(eq(providerConfigs.id, id)).run().changes > 0;
}
