import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, dialectOf, first, one, prepare, preparedOnce } from "../client";
import { type ParamProbeRow, paramProbes } from "../schema";

// Every function takes the owner and filters by it inside the query.

export async function insertProbe(
  db: Db,
  ownerId: string,
  row: Omit<ParamProbeRow, "ownerId">,
): Promise<ParamProbeRow> {
  return db
    .insert(paramProbes)
    .values({ ...row, ownerId })
    .returning()
    .then(one);
}

/** The latest probe of one provider + model (the one shown until the next run). */
export async function latestProbe(
  db: Db,
  ownerId: string,
  providerId: string,
  modelId: string,
): Promise<ParamProbeRow | undefined> {
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
    .then(first);
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
// row's id from the table). Read by every send (the catalog checks its settings): prepared once.
const latestStatement = preparedOnce((db) => {
  const sqlite = dialectOf(db) === "sqlite";
  const key = sqlite ? sql`rowid` : sql`id`;
  return prepare(
    db
      .select({
        providerId: paramProbes.providerId,
        modelId: paramProbes.modelId,
        createdAt: paramProbes.createdAt,
        verdicts: sqlite
          ? sql<string | null>`json_extract(results, '$.verdicts')`
          : sql<string | null>`results -> 'verdicts'`,
      })
      .from(paramProbes)
      .where(
        sql`${key} IN (
          SELECT (
            SELECT ${key} FROM param_probes q
            WHERE q.owner_id = g.owner_id AND q.provider_id = g.provider_id AND q.model_id = g.model_id
            ORDER BY q.created_at DESC, q.id DESC LIMIT 1
          )
          FROM (
            SELECT DISTINCT owner_id, provider_id, model_id FROM param_probes
            WHERE owner_id = ${sql.placeholder("ownerId")}
          ) g
        )`,
      )
      .orderBy(desc(paramProbes.createdAt), desc(paramProbes.id)),
    "param_probes_latest",
  );
});

/**
 * The verdicts of the latest probe of every provider + model the owner tested, for the catalog (older runs
 * stay stored).
 */
export async function latestProbes(db: Db, ownerId: string): Promise<ProbeVerdictsRow[]> {
  const found = await latestStatement(db).execute({ ownerId });
  return found.map((r) => ({
    ...r,
    verdicts: r.verdicts === null ? null : JSON.parse(r.verdicts),
  }));
}
