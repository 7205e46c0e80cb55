/**
 * Connect to PostgreSQL and bring its schema up to date. Imports only packages: the app reaches it through
 * db/pg/client.ts, the db:copy CLI (plain Node, types stripped) directly.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export type PgDatabase<S extends Record<string, unknown>> = NodePgDatabase<S> & { $client: pg.Pool };

/**
 * Session advisory lock held while migrating, so that instances starting together apply each migration once
 * (drizzle reads the applied list, then migrates: two at once would both run it, or race on CREATE SCHEMA).
 * Any constant works; it only has to differ from the other advisory locks the app takes.
 */
export const MIGRATION_LOCK = 7_361_845_021;

/** Apply the pending migrations of `migrationsFolder` on one connection of `pool`, under MIGRATION_LOCK. */
export async function migratePg(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-way may still hold the lock or an aborted transaction: close it.
    client.release(broken);
  }
}

/** A pool on `url` with `schema`, migrations applied; `$client` is the pool. */
export async function connectPg<S extends Record<string, unknown>>(
  url: string,
  schema: S,
  migrationsFolder: string,
): Promise<PgDatabase<S>> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection dropped by the server (restart, idle timeout) emits "error" on the pool, which would
  // crash the process if nobody listened; the pool replaces it at the next query.
  pool.on("error", (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  try {
    await migratePg(pool, migrationsFolder);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return drizzle({ client: pool, schema });
}
