import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPg, type PgDb } from "./client";
import { comparisons, conversations, messages } from "./schema";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";

const MIGRATIONS = path.join(import.meta.dirname, "migrations");

/**
 * SHA-256 of every committed PostgreSQL migration: like db/migrations.test.ts for SQLite, a committed migration
 * is never edited (databases already ran it). Add a new one with `npm run db:generate:pg`, then its hash here.
 */
const MIGRATION_SHA256: Record<string, string> = {
  "0000_init": "031e612a4d258387dc75d6aa103dadc1860d058ea3c96bae88b9aa130d5f95f2",
  "0001_search": "47d98bd5d2850136b8ecba12fac75e92e7961f39ed48b87d2df696573204e263",
  "0002_search_function_not_parallel": "f8243defb3ff2a37fdda230c29eb5bf261d9017930009900a59b34fe4580e34a",
};

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

const journal = (): JournalEntry[] =>
  JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")).entries;

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("committed PostgreSQL migrations", () => {
  it("are unchanged, journaled in order, each with its hash recorded here", () => {
    const entries = journal();
    const files = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    expect(files.sort()).toEqual(entries.map((e) => `${e.tag}.sql`).sort());
    expect(Object.keys(MIGRATION_SHA256), "a migration without a recorded hash").toEqual(
      entries.map((e) => e.tag),
    );
    entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      if (i > 0) expect(e.when).toBeGreaterThan(entries[i - 1].when);
      expect(sha256(path.join(MIGRATIONS, `${e.tag}.sql`)), `${e.tag}.sql was edited`).toBe(
        MIGRATION_SHA256[e.tag],
      );
    });
  });
});

// --- against a server: TEST_DATABASE_URL (node e2e/pg/with-postgres.mjs -- npm run test:unit) ----------------

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("PostgreSQL schema on a server", () => {
  let scratch: ScratchDatabase;
  let db: PgDb;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl as string, "migrations", { empty: true });
    // Two instances starting at once on an empty database: the advisory lock lets one migrate, then the other
    // finds nothing left to do (without it both run CREATE SCHEMA / the migrations and one fails).
    const [a, b] = await Promise.all([openPg(scratch.url), openPg(scratch.url)]);
    await b.$client.end();
    db = a;
  });

  afterAll(async () => {
    await db?.$client.end();
    await scratch?.drop();
  });

  const at = 1_700_000_000_000;
  const chat = (id: string, title: string, comparisonId: string | null = null) =>
    db.insert(conversations).values({
      id,
      ownerId: "o",
      title,
      comparisonId,
      columnIndex: comparisonId ? 0 : null,
      providerId: "offline",
      modelId: "offline/ngram",
      params: {},
      createdAt: at,
      updatedAt: at,
    });
  const vector = async (table: string, id: string, query: string) => {
    const { rows } = await db.$client.query(
      `SELECT search_vector IS NULL AS "null", coalesce(search_vector @@ to_tsquery('playground_search', $2), false) AS hit
       FROM ${table} WHERE id = $1`,
      [id, query],
    );
    return rows[0] as { null: boolean; hit: boolean };
  };

  it("applied each migration once, though two instances started together", async () => {
    const { rows } = await db.$client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(rows[0].n).toBe(journal().length);
  });

  it("gives tests databases copied from a migrated template, each its own", async () => {
    const [a, b] = await Promise.all([
      createScratchDatabase(serverUrl as string, "tmpl"),
      createScratchDatabase(serverUrl as string, "tmpl"),
    ]);
    try {
      expect(a.name).not.toBe(b.name);
      const client = new pg.Client({ connectionString: a.url });
      await client.connect();
      const applied = await client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
      const tables = await client.query("SELECT count(*)::int AS n FROM messages");
      await client.end();
      expect(applied.rows[0].n).toBe(journal().length);
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it("keeps JSON as sent (key order), booleans, millisecond timestamps, and stamps created_at in ms", async () => {
    await chat("c1", "Le Café de Flore");
    const before = Date.now();
    await db.insert(messages).values({
      id: "m1",
      conversationId: "c1",
      seq: 0,
      role: "assistant",
      content: "hello",
      paramsSent: { top_p: 0.5, temperature: 1, max_tokens: 10 },
      usage: { promptTokens: 3 },
    });
    const [row] = await db.select().from(messages).where(eq(messages.id, "m1"));
    expect(Object.keys(row.paramsSent ?? {})).toEqual(["top_p", "temperature", "max_tokens"]);
    expect(row).toMatchObject({
      active: true,
      selected: true,
      status: "complete",
      usage: { promptTokens: 3 },
    });
    expect(row.createdAt).toBeGreaterThanOrEqual(before - 1);
    expect(row.createdAt).toBeLessThanOrEqual(Date.now() + 1);
    expect(Number.isInteger(row.createdAt)).toBe(true);
  });

  it("allows one active message per position (messages_active_seq is partial) and cascades deletes", async () => {
    await chat("c2", "versions");
    const msg = (id: string, active: boolean) => ({
      id,
      conversationId: "c2",
      seq: 0,
      role: "user" as const,
      content: id,
      active,
    });
    await db.insert(messages).values([msg("v1", false), msg("v2", false), msg("v3", true)]);
    await expect(db.insert(messages).values(msg("v4", true))).rejects.toThrow();
    await db.delete(conversations).where(eq(conversations.id, "c2"));
    const left = await db.select().from(messages).where(eq(messages.conversationId, "c2"));
    expect(left).toEqual([]);
  });

  it("indexes a message once it is no longer streaming, content and reasoning, without accents", async () => {
    await db.insert(messages).values({
      id: "s1",
      conversationId: "c1",
      seq: 1,
      role: "assistant",
      content: "Le Café de Flore à Paris",
      reasoning: "thinking about acoustics",
      status: "streaming",
    });
    expect(await vector("messages", "s1", "cafe:*")).toEqual({ null: true, hit: false });
    await db.update(messages).set({ status: "complete" }).where(eq(messages.id, "s1"));
    expect(await vector("messages", "s1", "cafe:* & flore:*")).toEqual({ null: false, hit: true });
    expect(await vector("messages", "s1", "CAFE")).toMatchObject({ hit: true });
    expect(await vector("messages", "s1", "acoustic:*B")).toMatchObject({ hit: true });
    expect(await vector("messages", "s1", "acoustic:*A")).toMatchObject({ hit: false });
    expect(await vector("messages", "s1", "cafe:* & london:*")).toMatchObject({ hit: false });
    const { rows } = await db.$client.query(
      `SELECT ts_headline('playground_search', content, to_tsquery('playground_search', 'cafe:*')) AS h
       FROM messages WHERE id = 's1'`,
    );
    expect(rows[0].h).toBe("Le <b>Café</b> de Flore à Paris");
  });

  it("can compute a message's vector in a query the planner would run in parallel", async () => {
    const client = await db.$client.connect();
    try {
      for (const setting of [
        "parallel_setup_cost = 0",
        "parallel_tuple_cost = 0",
        "min_parallel_table_scan_size = 0",
        "max_parallel_workers_per_gather = 2",
      ]) {
        await client.query(`SET ${setting}`);
      }
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM messages WHERE length(playground_message_vector(content, reasoning)) >= 0",
      );
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      client.release();
    }
  });

  it("indexes chat and comparison titles; a comparison's column is found through its comparison", async () => {
    await db
      .insert(comparisons)
      .values({ id: "k1", ownerId: "o", title: "Naïve sweep", createdAt: at, updatedAt: at });
    await chat("col", "Naïve sweep", "k1");
    expect(await vector("comparisons", "k1", "naive:*")).toEqual({ null: false, hit: true });
    expect(await vector("conversations", "col", "naive:*")).toEqual({ null: true, hit: false });
    expect(await vector("conversations", "c1", "flore")).toEqual({ null: false, hit: true });
    await db.update(conversations).set({ title: "Москва notes" }).where(eq(conversations.id, "c1"));
    expect(await vector("conversations", "c1", "москва")).toMatchObject({ hit: true });
  });

  it("stores an answer too varied for one tsvector (1 MB), indexing the part that fits", async () => {
    // ~1.3 MB of distinct tokens: to_tsvector alone fails with "string is too long for tsvector"
    const tokens = Array.from({ length: 40_000 }, (_, i) =>
      createHash("md5").update(String(i)).digest("hex"),
    );
    await db.insert(messages).values({
      id: "big",
      conversationId: "c1",
      seq: 2,
      role: "assistant",
      content: tokens.join(" "),
    });
    expect(await vector("messages", "big", tokens[0])).toEqual({ null: false, hit: true });
    const [{ n }] = (await db.execute(sql`SELECT length(content) AS n FROM messages WHERE id = 'big'`))
      .rows as {
      n: number;
    }[];
    expect(n).toBe(tokens.join(" ").length);
  });
});
