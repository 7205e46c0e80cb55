import "server-only";
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

/** The latest probe of every provider + model the owner tested, for the catalog. */
export function latestProbes(db: Db, ownerId: string): ParamProbeRow[] {
  const rows = db
    .select()
    .from(paramProbes)
    .where(eq(paramProbes.ownerId, ownerId))
    .orderBy(desc(paramProbes.createdAt), desc(paramProbes.id))
    .all();
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.providerId}\n${r.modelId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
