/**
 * Copy a whole playground database between SQLite and PostgreSQL (either way), for `npm run db:copy`.
 *
 * Every table of the schema, parents before children (foreign keys), read in primary-key batches from a
 * consistent snapshot of the source and written in ONE transaction on the target, which must be empty (the
 * copy never merges). The search indexes are not copied: they are derived (SQLite's FTS5 triggers, PostgreSQL's
 * generated columns) and rebuild themselves as rows arrive. Before committing, the target is checked against
 * the source — row counts per table and a checksum of every message — and anything amiss rolls it all back.
 *
 * Runs outside Next (lib/cli/db-copy.ts under plain Node), so it reaches PostgreSQL through db/pg/connect and
 * imports no server-only module.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { asc, type Column, count, getTableColumns, getTableName, gt, is, type SQL, Table } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { type SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { migratePg } from "./pg/connect";
import * as pgSchema from "./pg/schema";
import * as sqliteSchema from "./schema";

export type Dialect = "sqlite" | "postgres";

type Row = Record<string, unknown>;

/** The drizzle builder calls used here, the same on both drivers (each driver's db is cast to it once). */
interface Query extends PromiseLike<Row[]> {
  where(condition: SQL | undefined): Query;
  orderBy(...columns: SQL[]): Query;
  limit(n: number): Query;
}
interface Builder {
  select(fields?: Record<string, SQL | Column>): { from(table: Table): Query };
  insert(table: Table): { values(rows: Row[]): PromiseLike<unknown> };
}

/** One side of a copy: drizzle over ONE connection, on which the transaction statements are issued. */
export interface CopyEnd {
  dialect: Dialect;
  /** the file, or the URL without its password */
  label: string;
  db: Builder;
  /** this dialect's tables, parents before children */
  tables: Table[];
  exec(statement: string): Promise<void>;
  close(): Promise<void>;
}

export class CopyError extends Error {}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** A URL fit to print: the password replaced. */
export function redactUrl(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return target;
  }
}

/**
 * The tables of a schema module, every parent before its children. Ties keep the module's order; a cycle
 * (none today) is an error rather than a copy that fails half-way.
 */
export function tablesInCopyOrder(schema: Record<string, unknown>): Table[] {
  const tables = Object.values(schema).filter((v): v is Table => is(v, Table));
  const parents = new Map<Table, Table[]>();
  for (const t of tables) {
    const fks = is(t, PgTable)
      ? pgTableConfig(t).foreignKeys
      : sqliteTableConfig(t as SQLiteTable).foreignKeys;
    parents.set(
      t,
      fks.map((fk) => fk.reference().foreignTable as Table).filter((p) => p !== t),
    );
  }
  const ordered: Table[] = [];
  const visiting = new Set<Table>();
  const visit = (t: Table) => {
    if (ordered.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${getTableName(t)}`);
    visiting.add(t);
    for (const p of parents.get(t) ?? []) visit(p);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

function primaryKey(table: Table): { key: string; column: Column } {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c.primary);
  if (!entry) throw new Error(`${getTableName(table)} has no single-column primary key`);
  return { key: entry[0], column: entry[1] };
}

/** Rows of `table` in primary-key order, `batchSize` at a time (keyset pagination: no OFFSET scans). */
export async function* readBatches(db: Builder, table: Table, batchSize: number): AsyncGenerator<Row[]> {
  const pk = primaryKey(table);
  let last: unknown;
  for (;;) {
    const rows = await db
      .select()
      .from(table)
      .where(last === undefined ? undefined : gt(pk.column, last))
      .orderBy(asc(pk.column))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1][pk.key];
  }
}

export async function countRows(end: CopyEnd): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of end.tables) {
    const [row] = await end.db.select({ n: count() }).from(table);
    counts[getTableName(table)] = Number(row.n);
  }
  return counts;
}

/**
 * SHA-256 over every message's id, conversation, role, content, reasoning and status, in id order (binary,
 * whatever the database's collation): sha256 of the concatenated sha256 of each message's JSON array.
 */
export async function messagesChecksum(end: CopyEnd, batchSize = 500): Promise<string> {
  const table = end.tables.find((t) => getTableName(t) === "messages");
  if (!table) throw new Error("no messages table");
  const c = getTableColumns(table);
  const digests: [string, Buffer][] = [];
  let last: unknown;
  for (;;) {
    const rows = await end.db
      .select({
        id: c.id,
        conversationId: c.conversationId,
        role: c.role,
        content: c.content,
        reasoning: c.reasoning,
        status: c.status,
      })
      .from(table)
      .where(last === undefined ? undefined : gt(c.id, last))
      .orderBy(asc(c.id))
      .limit(batchSize);
    for (const r of rows) {
      const fields = [r.id, r.conversationId, r.role, r.content, r.reasoning ?? null, r.status];
      digests.push([r.id as string, createHash("sha256").update(JSON.stringify(fields)).digest()]);
    }
    if (rows.length < batchSize) break;
    last = rows[rows.length - 1].id;
  }
  digests.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash("sha256");
  for (const [, d] of digests) hash.update(d);
  return hash.digest("hex");
}

/** PostgreSQL text cannot hold U+0000 (SQLite can): name the row instead of failing on a whole batch. */
function checkNul(table: Table, rows: Row[]): void {
  const columns = Object.entries(getTableColumns(table)).filter(([, c]) => c.dataType === "string");
  const pk = primaryKey(table).key;
  for (const row of rows) {
    for (const [key, column] of columns) {
      const value = row[key];
      if (typeof value === "string" && value.includes("\u0000")) {
        throw new CopyError(
          `${getTableName(table)} ${String(row[pk])}: ${column.name} holds a NUL character (U+0000), which ` +
            "PostgreSQL text cannot store; nothing was copied",
        );
      }
    }
  }
}

export interface CopyReport {
  tables: { name: string; source: number; target: number }[];
  checksum: { source: string; target: string };
  ms: number;
}

export interface CopyOptions {
  batchSize?: number;
  /** after each batch written: the table, rows copied so far, its total */
  onProgress?: (table: string, copied: number, total: number) => void;
}

async function inTransaction<T>(end: CopyEnd, begin: string, fn: () => Promise<T>): Promise<T> {
  await end.exec(begin);
  try {
    const value = await fn();
    await end.exec("COMMIT");
    return value;
  } catch (error) {
    await end.exec("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Copy every row of `source` into the empty `target` (see the top of this file). Throws CopyError when the
 * target is not empty or the verification fails; the target is then left as it was.
 */
export async function copyDatabase(
  source: CopyEnd,
  target: CopyEnd,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 200;
  const targetTables = new Map(target.tables.map((t) => [getTableName(t), t]));
  const names = (end: CopyEnd) => end.tables.map(getTableName).sort().join(", ");
  if (names(source) !== names(target)) {
    throw new CopyError(`the schemas differ: ${names(source)} / ${names(target)}`);
  }
  const sourceBegin =
    source.dialect === "postgres" ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN DEFERRED";
  // SQLite: the write lock first. PostgreSQL: no other writer on these tables until the commit, so that
  // nothing can slip in between the emptiness check and the copy.
  const targetBegin = target.dialect === "postgres" ? "BEGIN" : "BEGIN IMMEDIATE";
  return inTransaction(source, sourceBegin, async () => {
    const sourceCounts = await countRows(source);
    return inTransaction(target, targetBegin, async () => {
      if (target.dialect === "postgres") {
        const list = target.tables.map((t) => `"${getTableName(t)}"`).join(", ");
        await target.exec(`LOCK TABLE ${list} IN SHARE ROW EXCLUSIVE MODE`);
      }
      const occupied = Object.entries(await countRows(target)).filter(([, n]) => n > 0);
      if (occupied.length > 0) {
        throw new CopyError(
          `the target is not empty (${occupied.map(([t, n]) => `${t}: ${n}`).join(", ")}); ` +
            "db:copy only copies into an empty database",
        );
      }
      for (const table of source.tables) {
        const name = getTableName(table);
        const into = targetTables.get(name) as Table;
        let copied = 0;
        for await (const rows of readBatches(source.db, table, batchSize)) {
          if (target.dialect === "postgres") checkNul(table, rows);
          try {
            await target.db.insert(into).values(rows);
          } catch (error) {
            const pk = primaryKey(table).key;
            throw new CopyError(
              `${name}: the target refused rows ${String(rows[0][pk])} … ${String(rows[rows.length - 1][pk])} ` +
                `(${(error as { cause?: Error }).cause?.message ?? (error as Error).message}); nothing was copied`,
            );
          }
          copied += rows.length;
          options.onProgress?.(name, copied, sourceCounts[name]);
        }
      }
      const targetCounts = await countRows(target);
      const checksum = { source: await messagesChecksum(source), target: await messagesChecksum(target) };
      const tables = Object.keys(sourceCounts).map((name) => ({
        name,
        source: sourceCounts[name],
        target: targetCounts[name],
      }));
      const wrong = tables.filter((t) => t.source !== t.target);
      if (wrong.length > 0 || checksum.source !== checksum.target) {
        throw new CopyError(
          `verification failed, nothing was copied: ${wrong.map((t) => `${t.name} ${t.source} → ${t.target}`).join(", ")}` +
            (checksum.source !== checksum.target
              ? ` messages checksum ${checksum.source} → ${checksum.target}`
              : ""),
        );
      }
      return { tables, checksum, ms: Math.round(performance.now() - started) };
    });
  });
}

/**
 * A SQLite file with the committed migrations applied (a source is brought up to date, as `npm start` would).
 * `mustExist`: a missing source is an error, not a new empty file.
 */
export async function openSqliteEnd(file: string, root: string, mustExist: boolean): Promise<CopyEnd> {
  if (mustExist && !fs.existsSync(file)) throw new CopyError(`${file}: no such file`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 10000");
    const db = drizzleSqlite({ client: sqlite, schema: sqliteSchema });
    migrateSqlite(db, { migrationsFolder: path.join(root, "db", "migrations") });
    return {
      dialect: "sqlite",
      label: file,
      db: db as unknown as Builder,
      tables: tablesInCopyOrder(sqliteSchema),
      exec: async (statement) => {
        sqlite.exec(statement);
      },
      close: async () => {
        sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** A PostgreSQL database with its migrations applied, on one connection held until close(). */
export async function openPostgresEnd(url: string, root: string): Promise<CopyEnd> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // A connection lost while idle in the pool: the copy's own connection reports its errors on its queries.
  pool.on("error", () => {});
  try {
    await migratePg(pool, path.join(root, "db", "pg", "migrations"));
    const client = await pool.connect();
    return {
      dialect: "postgres",
      label: redactUrl(url),
      db: drizzlePg({ client, schema: pgSchema }) as unknown as Builder,
      tables: tablesInCopyOrder(pgSchema),
      exec: async (statement) => {
        await client.query(statement);
      },
      close: async () => {
        client.release();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export function openCopyEnd(target: string, root: string, role: "source" | "target"): Promise<CopyEnd> {
  return isPostgresUrl(target)
    ? openPostgresEnd(target, root)
    : openSqliteEnd(target, root, role === "source");
}
