import "server-only";
import type Database from "better-sqlite3";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type ParamProbeRow, paramProbes } from "../schema";

// Every function takes the owner and filters by it inside the query.

export function insertProbe(db: Db, ownerId: string, row: Omit<ParamProbeRow, "ownerId">): ParamProbeRow {
  return db
    .insert(paramProbes)
    .values({ ...row, ownerId })
    .returning()
    .get();
}

/** The latest probe of one provider + model (the one shown until the next run). */
export function latestProbe(
  db: Db,
  ownerId: string,
  providerId: string,
  modelId: string,
): ParamProbeRow | undefined {
  return db
    .select()
    .from(paramProbes)
    .where(
      and(
        eq(paramProbes.ownerId, ownerId),
        eq(paramProbes.providerId, providerId),
        eq(paramProbes.modelId, modelId),
      ),
    )
    .orderBy(desc(paramProbes.createdAt), desc(paramProbes.id))
    .limit(1)
    .get();
}

export interface ProbeVerdictsRow {
  providerId: string;
  modelId: string;
  createdAt: number;
  /** results.verdicts, unparsed: the catalog needs the verdicts, not the evidence */
  verdicts: unknown;
}

// The latest row of each provider + model is found through the index alone; only those rows are read, and of
// their results only the verdicts (the evidence, kilobytes a row, stays on its overflow pages). 50 models with
// 20 runs each: 1.6 ms with the verdicts parsed, where a NOT EXISTS over every row took 14 ms (it read each
// row's id from the table).
const statements = new WeakMap<
  Database.Database,
  Database.Statement<
    [string],
    { providerId: string; modelId: string; createdAt: number; verdicts: string | null }
  >
>();

/**
 * The verdicts of the latest probe of every provider + model the owner tested, for the catalog (older runs
 * stay stored).
 */
export function latestProbes(db: Db, ownerId: string): ProbeVerdictsRow[] {
  let statement = statements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(`
      SELECT provider_id AS providerId, model_id AS modelId, created_at AS createdAt,
        json_extract(results, '$.verdicts') AS verdicts
      FROM param_probes
      WHERE rowid IN (
        SELECT (
          SELECT rowid FROM param_probes q
          WHERE q.owner_id = g.owner_id AND q.provider_id = g.provider_id AND q.model_id = g.model_id
          ORDER BY q.created_at DESC, q.id DESC LIMIT 1
        )
        FROM (SELECT DISTINCT owner_id, provider_id, model_id FROM param_probes WHERE owner_id = ?) g
      )
      ORDER BY created_at DESC, id DESC`);
    statements.set(db.$client, statement);
  }
  return statement
    .all(ownerId)
    .map((r) => ({ ...r, verdicts: r.verdicts === null ? null : JSON.parse(r.verdicts) }));
}
