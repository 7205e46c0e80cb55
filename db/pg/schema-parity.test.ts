import { getTableColumns, is } from "drizzle-orm";
import {
  PgTable,
  integer as pgInteger,
  pgTable,
  getTableConfig as pgTableConfig,
  text as pgText,
} from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "../schema";
import * as pgSchema from "./schema";

/**
 * What both dialects must agree on: the query layer is written once against db/schema.ts and runs on
 * PostgreSQL with the same names, so a column or index added to one schema only would break one dialect.
 */
interface Shape {
  name: string;
  columns: {
    key: string;
    name: string;
    dataType: string;
    notNull: boolean;
    primary: boolean;
    hasDefault: boolean;
    enumValues?: string[];
  }[];
  indexes: { name: string; columns: string[]; unique: boolean; partial: boolean }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[]; onDelete?: string }[];
}

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

function shape(table: SQLiteTable | PgTable, config: Config): Shape {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    name: config.name,
    columns: Object.entries(getTableColumns(table)).map(([key, c]) => ({
      key,
      name: c.name,
      // "number", "string", "boolean", "json": what the column reads as in JS, whatever its SQL type
      dataType: c.dataType,
      notNull: c.notNull,
      primary: c.primary,
      hasDefault: c.hasDefault,
      enumValues: c.enumValues,
    })),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name ?? "",
        columns: i.config.columns.map((c) => ("name" in c ? (c.name ?? "?") : "<expression>")),
        unique: i.config.unique ?? false,
        // the condition's text differs (SQLite `active = 1`, PostgreSQL `active`); that there is one matters
        partial: i.config.where !== undefined,
      }))
      .sort(byName),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return {
        columns: ref.columns.map((c) => c.name),
        table: is(ref.foreignTable, PgTable)
          ? pgTableConfig(ref.foreignTable).name
          : sqliteTableConfig(ref.foreignTable as SQLiteTable).name,
        foreignColumns: ref.foreignColumns.map((c) => c.name),
        onDelete: fk.onDelete,
      };
    }),
  };
}

const sqliteShape = (t: SQLiteTable) => shape(t, sqliteTableConfig(t));
const pgShape = (t: PgTable) => shape(t, pgTableConfig(t));

function tables<T extends typeof SQLiteTable | typeof PgTable>(
  schema: Record<string, unknown>,
  kind: T,
): Map<string, InstanceType<T>> {
  return new Map(Object.entries(schema).filter((e): e is [string, InstanceType<T>] => is(e[1], kind)));
}

describe("db/pg/schema.ts mirrors db/schema.ts", () => {
  const sqlite = tables(sqliteSchema, SQLiteTable);
  const pg = tables(pgSchema, PgTable);

  it("exports the same tables under the same names", () => {
    expect(sqlite.size).toBeGreaterThanOrEqual(9);
    expect([...pg.keys()].sort()).toEqual([...sqlite.keys()].sort());
  });

  for (const [key, table] of tables(sqliteSchema, SQLiteTable)) {
    it(`${key}: same SQL name, columns (names, JS types, not-null, keys, defaults), indexes and foreign keys`, () => {
      const mirror = pg.get(key);
      expect(mirror, `db/pg/schema.ts has no ${key}`).toBeDefined();
      expect(pgShape(mirror as PgTable)).toEqual(sqliteShape(table));
    });
  }

  it("notices a difference (a column that lost NOT NULL, an index left out)", () => {
    const drifted = pgTable("instances", {
      id: pgText("id").primaryKey(),
      pid: pgInteger("pid"),
      hostname: pgText("hostname").notNull(),
      startedAt: pgInteger("started_at").notNull(),
      heartbeatAt: pgInteger("heartbeat_at").notNull(),
    });
    expect(pgShape(drifted)).not.toEqual(sqliteShape(sqliteSchema.instances));
    const { indexes, ...rest } = pgShape(pgSchema.messages);
    expect({ ...rest, indexes: indexes.slice(1) }).not.toEqual(sqliteShape(sqliteSchema.messages));
    expect(indexes.find((i) => i.name === "messages_active_seq")).toEqual({
      name: "messages_active_seq",
      columns: ["conversation_id", "seq"],
      unique: true,
      partial: true,
    });
  });
});
