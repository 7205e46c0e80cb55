import "server-only";
import { and, desc, eq, gt, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
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

/**
 * The verdicts of the latest probe of every provider + model the owner tested, for the catalog (older runs
 * stay stored).
 */
export function latestProbes(db: Db, ownerId: string): ProbeVerdictsRow[] {
  const newer = alias(paramProbes, "newer");
  return db
    .select({
      providerId: paramProbes.providerId,
      modelId: paramProbes.modelId,
      createdAt: paramProbes.createdAt,
      verdicts: sql<unknown>`json_extract(${paramProbes.results}, '$.verdicts')`.mapWith(
        (v: string | null) => (v === null ? null : JSON.parse(v)),
      ),
    })
    .from(paramProbes)
    .where(
      and(
        eq(paramProbes.ownerId, ownerId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(newer)
            .where(
              and(
                eq(newer.ownerId, paramProbes.ownerId),
                eq(newer.providerId, paramProbes.providerId),
                eq(newer.modelId, paramProbes.modelId),
                or(
                  gt(newer.createdAt, paramProbes.createdAt),
                  and(eq(newer.createdAt, paramProbes.createdAt), gt(newer.id, paramProbes.id)),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(paramProbes.createdAt), desc(paramProbes.id))
    .all();
}
