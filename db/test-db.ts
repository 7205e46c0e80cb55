import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { closeDb, type Db, type Dialect, openDb, openSqlite, sqliteClient } from "./client";
import { createScratchDatabase } from "./pg/scratch-database";

export interface TestDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * A fresh, migrated, empty database for one test: a SQLite file in a temporary directory or, when
 * TEST_DATABASE_URL names a PostgreSQL server (e2e/pg/with-postgres.mjs sets it), a new database on it. The
 * same tests run on both dialects that way.
 */
export async function openTestDb(prefix = "test"): Promise<TestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const scratch = await createScratchDatabase(server, prefix);
    const db = await openDb(scratch.url);
    return {
      db,
      dialect: "postgres",
      close: async () => {
        await closeDb(db);
        await scratch.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const db = openSqlite(path.join(dir, "test.db"));
  return {
    db,
    dialect: "sqlite",
    close: async () => {
      await closeDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The run's dialect: tests of what only SQLite has (pragmas, the WAL, FTS5 tables) are skipped on PostgreSQL. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The better-sqlite3 connection of a SQLite test database, for assertions on SQLite itself. */
export function sqliteOf(db: Db): Database.Database {
  const client = sqliteClient(db);
  if (!client) throw new Error("a SQLite-only assertion ran on PostgreSQL");
  return client;
}
