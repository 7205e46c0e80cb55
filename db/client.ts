import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type SQL, sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

/**
 * The database every query function takes. The query code is written once, with drizzle's builders and the
 * SQLite tables of ./schema, and awaited: on PostgreSQL the same builders run on a node-postgres drizzle
 * instance, which renders them in its own dialect (the tables are only names and columns to it; the DDL of
 * PostgreSQL is db/pg/schema.ts and its migrations). TypeScript sees the SQLite type either way, so
 * SQLite-only calls (`.get()`, `.all()`, `.run()`, `db.run(sql)`) must not be used: the helpers below do
 * their jobs on both.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: unknown };

export type Dialect = "sqlite" | "postgres";

interface Meta {
  dialect: Dialect;
  /** set on the handle a write transaction runs on: nested writeTransaction calls join it */
  inTransaction?: boolean;
  /** SQLite: the connection's queue of write transactions (one connection, one transaction at a time) */
  queue?: { tail: Promise<unknown> };
}
// Kept on the handle itself, not in a module-level map: Next bundles this module into several chunks (the
// instrumentation's and each route's), and every copy must see the same database's dialect and write queue.
const META = Symbol.for("speciale.dbMeta");

function setMeta(db: object, m: Meta): void {
  Object.defineProperty(db, META, { value: m, configurable: true });
}

function meta(db: Db): Meta {
  const m = (db as unknown as { [META]?: Meta })[META];
  if (!m) throw new Error("not a database opened by openDb");
  return m;
}

export function dialectOf(db: Db): Dialect {
  return meta(db).dialect;
}

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Open the database: a `postgres://` URL → PostgreSQL (migrations of db/pg applied), anything else → a SQLite
 * file, created if missing, with its pragmas and pending migrations applied.
 */
export async function openDb(target: string): Promise<Db> {
  if (!isPostgresUrl(target)) return openSqlite(target);
  // Read json as its text and int8 as a number, as SQLite returns them, so that the SQLite tables' column
  // mappings (JSON.parse of a text column, numeric timestamps) hold on PostgreSQL. Process-wide: pg is ours.
  const { default: pgDriver } = await import("pg");
  pgDriver.types.setTypeParser(pgDriver.types.builtins.JSON, (v: string) => v);
  pgDriver.types.setTypeParser(pgDriver.types.builtins.INT8, Number);
  const { openPg } = await import("./pg/client");
  // Its PostgreSQL tables serve only the migrations: the queries bring the SQLite ones (see Db).
  const db = (await openPg(target)) as unknown as Db;
  setMeta(db, { dialect: "postgres" });
  return db;
}

/** A SQLite file (or ":memory:"), opened synchronously; openDb is the way in for the app. */
export function openSqlite(file: string): Db {
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
  setMeta(db, { dialect: "sqlite", queue: { tail: Promise.resolve() } });
  return db;
}

/** Close the connection (SQLite file or PostgreSQL pool). */
export async function closeDb(db: Db): Promise<void> {
  const client = db.$client as { close?: () => void; end?: () => Promise<void> };
  if (dialectOf(db) === "sqlite") client.close?.();
  else await client.end?.();
}

/** A drizzle query compiled for reuse. PostgreSQL prepared statements need a name; SQLite's take none. */
export function prepare<P>(query: { prepare(): P }, name: string): P {
  return (query.prepare as (this: unknown, name: string) => P).call(query, name);
}

/**
 * `build`'s statements, compiled once per database and reused: for queries that run on every send or every
 * streamed answer, where drizzle's query building and the database's prepare cost more than the statement.
 * SQLite: once per connection (a transaction's handle shares its connection). PostgreSQL: per handle, since a
 * statement prepared on the pool would run outside the transaction of a transaction's handle; the server keeps
 * each name's plan per connection.
 */
export function preparedOnce<S>(build: (db: Db) => S): (db: Db) => S {
  const statements = new WeakMap<object, S>();
  return (db) => {
    const key = dialectOf(db) === "sqlite" ? (db.$client as object) : db;
    let s = statements.get(key);
    if (!s) {
      s = build(db);
      statements.set(key, s);
    }
    return s;
  };
}

/** The SQLite connection under `db`, for the few statements only SQLite has (FTS5): undefined on PostgreSQL. */
export function sqliteClient(db: Db): Database.Database | undefined {
  return dialectOf(db) === "sqlite" ? (db.$client as Database.Database) : undefined;
}

/** The first row of a query (a select, or a write with `.returning()`) or of its rows, or undefined. */
export async function first<T>(query: PromiseLike<T[]> | T[]): Promise<T | undefined> {
  return (await query)[0];
}

/** The one row a query returns (an insert's `.returning()`): an error when there is none. */
export async function one<T>(query: PromiseLike<T[]> | T[]): Promise<T> {
  const [row] = await query;
  if (row === undefined) throw new Error("expected a row");
  return row;
}

/** How many rows a write without `.returning()` changed (SQLite's `changes`, PostgreSQL's `rowCount`). */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** A raw statement on PostgreSQL: node-postgres's result (`rows`, `rowCount`). */
function pgExecute<T>(db: Db, query: SQL): Promise<{ rows: T[]; rowCount: number | null }> {
  return (db as unknown as { execute(q: SQL): Promise<{ rows: T[]; rowCount: number | null }> }).execute(
    query,
  );
}

/** The rows of a raw SQL query, on either dialect. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  if (dialectOf(db) === "sqlite") return db.all<T>(query);
  return (await pgExecute<T>(db, query)).rows;
}

/** Run a raw SQL statement on either dialect; how many rows it changed. */
export async function execute(db: Db, query: SQL): Promise<number> {
  if (dialectOf(db) === "sqlite") return db.run(query).changes;
  return affected(await pgExecute(db, query));
}

// Any constant: the key of the advisory lock that makes PostgreSQL write transactions take turns.
const WRITER_LOCK = 7_341_922_001;
// The first key of the two-key advisory locks of scoped transactions (any int4 not used for another purpose).
const SCOPE_LOCKS = 734_192;

/**
 * Run `fn` in a write transaction that no other writer interleaves with, on the handle it is given (`tx`:
 * every query inside must use it). SQLite: BEGIN IMMEDIATE (the write lock first, so no other process commits
 * between this transaction's reads and its writes), one transaction at a time on the connection. PostgreSQL:
 * a transaction holding one advisory lock, which gives the same guarantee across instances. Nested calls
 * (given `tx`) join the outer transaction.
 *
 * PostgreSQL with `scope` (a conversation's id): the transaction touches that conversation only, and waits
 * only for writers of the same conversation (and for unscoped ones): the writer lock is taken shared, and an
 * advisory lock of the scope exclusively. Many chats' turns then start in parallel across instances.
 *
 * SQLite has one connection per process: a statement another request runs outside a transaction while one is
 * open joins it (harmless but for a rollback, which then undoes it too; transactions roll back only on bugs).
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, scope?: string): Promise<T> {
  const m = meta(db);
  if (m.inTransaction) return fn(db);
  if (m.dialect === "postgres") {
    return (db as unknown as { transaction<R>(f: (tx: Db) => Promise<R>): Promise<R> }).transaction(
      async (tx) => {
        setMeta(tx, { dialect: "postgres", inTransaction: true });
        await execute(
          tx,
          scope === undefined
            ? sql`select pg_advisory_xact_lock(${WRITER_LOCK})`
            : sql`select pg_advisory_xact_lock_shared(${WRITER_LOCK}), pg_advisory_xact_lock(${SCOPE_LOCKS}, hashtext(${scope}))`,
        );
        return fn(tx);
      },
    );
  }
  const queue = m.queue as { tail: Promise<unknown> };
  const run = queue.tail.then(async () => {
    const tx = sqliteTransactionHandle(db);
    const sqlite = db.$client as Database.Database;
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const value = await fn(tx);
      sqlite.exec("COMMIT");
      return value;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw err;
    }
  });
  queue.tail = run.catch(() => undefined);
  return run;
}

const txHandles = new WeakMap<object, Db>();

/** The drizzle handle a SQLite transaction runs on: another drizzle instance over the same connection. */
function sqliteTransactionHandle(db: Db): Db {
  let tx = txHandles.get(db);
  if (!tx) {
    tx = drizzle({ client: db.$client as Database.Database, schema }) as Db;
    setMeta(tx, { dialect: "sqlite", inTransaction: true });
    txHandles.set(db, tx);
  }
  return tx;
}
