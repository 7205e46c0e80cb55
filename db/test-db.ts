import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { closeDb, type Db, type Dialect, openDb, sqliteClient } from "./client";
import { createScratchDatabase } from "./pg/scratch-database";

export interface TestDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Where a fresh test database lives: a PostgreSQL URL or a SQLite path, and how to remove it. */
export interface TestDatabaseTarget {
  dialect: Dialect;
  target: string;
  remove(): Promise<void>;
}

/**
 * A new, empty database for one test file: when TEST_DATABASE_URL names a PostgreSQL server
 * (e2e/pg/with-postgres.mjs sets it), a new database on it; else a SQLite file in a temporary directory
 * (":memory:" with `memory`). The same tests run on both dialects that way.
 */
export async function newTestDatabase(
  prefix: string,
  opts: { memory?: boolean } = {},
): Promise<TestDatabaseTarget> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const scratch = await createScratchDatabase(server, prefix);
    return { dialect: "postgres", target: scratch.url, remove: scratch.drop };
  }
  if (opts.memory) return { dialect: "sqlite", target: ":memory:", remove: async () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    dialect: "sqlite",
    target: path.join(dir, "test.db"),
    remove: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh, migrated, empty database for one test (newTestDatabase), open. */
export async function openTestDb(prefix = "test"): Promise<TestDb> {
  const { dialect, target, remove } = await newTestDatabase(prefix);
  const db = await openDb(target);
  return {
    db,
    dialect,
    close: async () => {
      await closeDb(db);
      await remove();
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

/**
 * The messages search index checked beyond FTS5's own integrity-check (run here too, it throws on a corrupt
 * index): its row count, the first varint of the averages record, against its docsize rows — a message
 * indexed twice passes integrity-check (the newer entry shadows the older) but not this.
 */
export function messagesIndexCounts(sqlite: Database.Database): { indexed: number; docsize: number } {
  sqlite.exec("insert into messages_fts (messages_fts) values ('integrity-check')");
  const { block } = sqlite.prepare("select block from messages_fts_data where id = 1").get() as {
    block: Buffer;
  };
  let indexed = 0;
  for (const byte of block) {
    indexed = indexed * 128 + (byte & 0x7f);
    if (byte < 0x80) break;
  }
  const { n } = sqlite.prepare("select count(*) n from messages_fts_docsize").get() as { n: number };
  return { indexed, docsize: n };
}
