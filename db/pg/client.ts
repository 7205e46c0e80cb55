import "server-only";
import path from "node:path";
import { connectPg, type PgDatabase } from "./connect";
import * as schema from "./schema";

export type PgDb = PgDatabase<typeof schema>;

const MIGRATIONS = path.join(process.cwd(), "db", "pg", "migrations");

/**
 * Open a PostgreSQL database (`postgres://…` URL) with the PostgreSQL tables, the committed migrations of
 * db/pg/migrations applied (safe when several instances start at once). `$client` is the `pg` Pool: end it
 * to close.
 */
export function openPg(url: string): Promise<PgDb> {
  return connectPg(url, schema, MIGRATIONS);
}
