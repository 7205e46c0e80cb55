import "server-only";
import { asc, eq } from "drizzle-orm";
import { affected, type Db, first, one, sqliteClient } from "../client";
import { type ProviderConfigRow, providerConfigs } from "../schema";

/**
 * Providers configured in the UI. Instance-wide, like the environment they complement: one password means
 * one user (lib/auth/owner.ts), and a provider is the owner's configuration, not a piece of their data.
 */
const listQuery = (db: Db) =>
  db.select().from(providerConfigs).orderBy(asc(providerConfigs.createdAt), asc(providerConfigs.id));

const listStatements = new WeakMap<object, ReturnType<ReturnType<typeof listQuery>["prepare"]>>();

/**
 * Read at every use of a provider (lib/ai/provider-registry.ts), so prepared once per SQLite connection:
 * building the query each time cost ~180 µs a call, the prepared one ~11 µs (3 rows).
 */
export async function listProviderConfigs(db: Db): Promise<ProviderConfigRow[]> {
  return listProviderConfigsNow(db) ?? listQuery(db);
}

/** The rows read synchronously, on SQLite; undefined on PostgreSQL (its driver only answers later). */
export function listProviderConfigsNow(db: Db): ProviderConfigRow[] | undefined {
  const client = sqliteClient(db);
  if (!client) return undefined;
  let statement = listStatements.get(client);
  if (!statement) {
    statement = listQuery(db).prepare();
    listStatements.set(client, statement);
  }
  return statement.all();
}

export async function getProviderConfig(db: Db, id: string): Promise<ProviderConfigRow | undefined> {
  return db.select().from(providerConfigs).where(eq(providerConfigs.id, id)).then(first);
}

export async function insertProviderConfig(db: Db, row: ProviderConfigRow): Promise<ProviderConfigRow> {
  return db.insert(providerConfigs).values(row).returning().then(one);
}

/** A preset's key row is made on first save and replaced after. */
export async function upsertPresetKey(
  db: Db,
  id: string,
  key: { apiKeyEncrypted: string; apiKeyHint: string | null },
  now: number,
): Promise<ProviderConfigRow> {
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
    .then(one);
}

export type ProviderConfigPatch = Partial<
  Pick<ProviderConfigRow, "name" | "baseUrl" | "apiKeyEncrypted" | "apiKeyHint" | "defaultModel">
>;

export async function updateProviderConfig(
  db: Db,
  id: string,
  patch: ProviderConfigPatch,
  now: number,
): Promise<ProviderConfigRow | undefined> {
  return db
    .update(providerConfigs)
    .set({ ...patch, updatedAt: now })
    .where(eq(providerConfigs.id, id))
    .returning()
    .then(first);
}

export async function deleteProviderConfig(db: Db, id: string): Promise<boolean> {
  return (await db.delete(providerConfigs).where(eq(providerConfigs.id, id)).then(affected)) > 0;
}
