import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/** Open (creating if missing) the SQLite file, set pragmas and apply pending migrations. */
export function openDb(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Another process (a second instance on the same file) may hold the write lock for a moment: wait for it.
  sqlite.pragma("busy_timeout = 10000");
  // WAL + NORMAL: durable across application crashes; a power loss may lose the last commits (README).
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle({ client: sqlite, schema });
  try {
    migrate(db, { migrationsFolder: MIGRATIONS });
  } catch {
    // Two instances starting together on one file: drizzle reads the applied list before its BEGIN, so the
    // slower one replays a migration the other just committed and fails. Read again: nothing is left to do.
    migrate(db, { migrationsFolder: MIGRATIONS });
  }
  return db;
}

/**
 * Run `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken first (waiting up to busy_timeout),
 * so no other process can commit between this transaction's reads and its writes. A deferred transaction
 * that reads and then writes fails with SQLITE_BUSY_SNAPSHOT instead of waiting when another process
 * committed meanwhile. `fn` is synchronous (better-sqlite3 refuses a promise): no await inside. Nested
 * calls become savepoints of the outer transaction.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn(), { behavior: "immediate" });
}
