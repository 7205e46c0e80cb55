import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { getTableName } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatReport, parseCopyArgs } from "@/lib/cli/db-copy";
import {
  type CopyEnd,
  CopyError,
  copyDatabase,
  countRows,
  messagesChecksum,
  openCopyEnd,
  redactUrl,
  tablesInCopyOrder,
} from "./copy";
import * as pgSchema from "./pg/schema";
import { createScratchDatabase, type ScratchDatabase } from "./pg/scratch-database";
import * as s from "./schema";

const ROOT = path.resolve(import.meta.dirname, "..");

let dir: string;
const ends: CopyEnd[] = [];
const scratches: ScratchDatabase[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "db-copy-"));
});
afterEach(async () => {
  for (const end of ends.splice(0)) await end.close();
  for (const db of scratches.splice(0)) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(target: string, role: "source" | "target"): Promise<CopyEnd> {
  const end = await openCopyEnd(target, ROOT, role);
  ends.push(end);
  return end;
}

/** A history with every table in use: a chat with versions, a streaming answer, a blind comparison, … */
async function fill(file: string): Promise<void> {
  const end = await open(file, "target");
  const db = drizzle({ client: new Database(file), schema: s });
  const t = 1_700_000_000_000;
  db.insert(s.comparisons)
    .values({
      id: "k1",
      ownerId: "o",
      title: "Naïve sweep",
      blindOrder: ["c3", "c2"],
      createdAt: t,
      updatedAt: t,
    })
    .run();
  const chat = { ownerId: "o", providerId: "offline", modelId: "offline/ngram", createdAt: t, updatedAt: t };
  db.insert(s.conversations)
    .values([
      { ...chat, id: "c1", title: "Le Café de Flore", params: { temperature: 0.7, seed: 3 } },
      { ...chat, id: "c2", title: "Naïve sweep", comparisonId: "k1", columnIndex: 0, params: { top_p: 0.9 } },
      { ...chat, id: "c3", title: "Naïve sweep", comparisonId: "k1", columnIndex: 1, params: {} },
    ])
    .run();
  const base = { conversationId: "c1", createdAt: t };
  db.insert(s.messages)
    .values([
      { ...base, id: "m1", seq: 0, role: "user", content: "Où est le café ?" },
      // regenerated: m2 kept as an earlier version, m3 shown
      {
        ...base,
        id: "m2",
        seq: 1,
        parentId: "m1",
        role: "assistant",
        content: "first try",
        active: false,
        selected: false,
        status: "stopped",
      },
      {
        ...base,
        id: "m3",
        seq: 1,
        parentId: "m1",
        role: "assistant",
        content: "Près de **Flore** 😀",
        reasoning: "thinking about acoustics\nand 'quotes' \"too\"",
        providerId: "aimlapi",
        modelId: "deepseek/deepseek-v3.2-speciale",
        params: { temperature: 0.7 },
        paramsSent: { top_p: 0.95, temperature: 0.7, max_tokens: 100 },
        usage: { promptTokens: 5, completionTokens: 7, reasoningTokens: 3 },
        timings: { firstReasoningMs: 120, totalMs: 900, tokensPerSecond: 42.5 },
        finishReason: "stop",
      },
      {
        ...base,
        id: "m4",
        seq: 2,
        parentId: "m3",
        role: "user",
        content: "and then?",
      },
      {
        ...base,
        id: "m5",
        seq: 3,
        parentId: "m4",
        role: "assistant",
        content: "partial",
        status: "streaming",
        instanceId: "i1",
      },
      {
        conversationId: "c2",
        createdAt: t,
        id: "m6",
        seq: 0,
        role: "assistant",
        content: "",
        status: "error",
        error: { code: "rate_limited", message: "429 Too Many Requests", statusCode: 429, retryable: true },
      },
    ])
    .run();
  db.insert(s.instances).values({ id: "i1", pid: 4242, hostname: "box", startedAt: t, heartbeatAt: t }).run();
  db.insert(s.shares)
    .values({
      token: "tok1",
      ownerId: "o",
      kind: "conversation",
      targetId: "c1",
      title: "Le Café de Flore",
      snapshot: { messages: [{ role: "user", content: "Où est le café ?" }] },
      createdAt: t,
      updatedAt: t,
      expiresAt: t + 86_400_000,
    })
    .run();
  db.insert(s.providerConfigs)
    .values({
      id: "p-abc",
      kind: "custom",
      name: "vLLM",
      baseUrl: "http://localhost:8000/v1",
      apiKeyEncrypted: "iv.tag.data",
      apiKeyHint: "wxyz",
      createdAt: t,
      updatedAt: t,
    })
    .run();
  db.insert(s.paramPresets)
    .values({ id: "pp1", ownerId: "o", name: "Cold", params: { temperature: 0 }, createdAt: t, updatedAt: t })
    .run();
  db.insert(s.paramProbes)
    .values({
      id: "pr1",
      ownerId: "o",
      providerId: "offline",
      modelId: "offline/ngram",
      results: { temperature: { verdict: "effective" } },
      createdAt: t,
    })
    .run();
  db.insert(s.blindVotes)
    .values({
      id: "bv1",
      ownerId: "o",
      comparisonId: "k1",
      turn: 0,
      winnerColumnId: null,
      candidates: [
        { columnId: "c2", messageId: "m6", providerId: "offline", modelId: "offline/ngram", params: {} },
      ],
      createdAt: t,
      updatedAt: t,
    })
    .run();
  db.$client.close();
  await end.close();
  ends.splice(ends.indexOf(end), 1);
}

/** Every row of every table, through the SQLite schema, ordered by primary key. */
function dump(file: string): Record<string, unknown[]> {
  const sqlite = new Database(file, { readonly: true });
  const out: Record<string, unknown[]> = {};
  for (const table of tablesInCopyOrder(s)) {
    const name = getTableName(table);
    out[name] = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  }
  sqlite.close();
  return out;
}

const ftsHits = (file: string, query: string) => {
  const sqlite = new Database(file, { readonly: true });
  const rows = sqlite
    .prepare(
      "SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid WHERE messages_fts MATCH ?",
    )
    .all(query)
    .map((r) => (r as { id: string }).id);
  sqlite.close();
  return rows.sort();
};

describe("db:copy, pure parts", () => {
  it("orders tables parents first, the same on both dialects", () => {
    for (const schema of [s, pgSchema]) {
      const names = tablesInCopyOrder(schema).map(getTableName);
      expect(names).toHaveLength(9);
      expect(names.indexOf("comparisons")).toBeLessThan(names.indexOf("conversations"));
      expect(names.indexOf("conversations")).toBeLessThan(names.indexOf("messages"));
      expect(names.indexOf("comparisons")).toBeLessThan(names.indexOf("blind_votes"));
    }
    // parents listed after their children in the module still come first
    const { messages, conversations, comparisons } = s;
    expect(tablesInCopyOrder({ messages, conversations, comparisons }).map(getTableName)).toEqual([
      "comparisons",
      "conversations",
      "messages",
    ]);
  });

  it("reads its command line", () => {
    expect(parseCopyArgs(["--from", "a.db", "--to", "postgres://u:p@h/db"])).toEqual({
      from: "a.db",
      to: "postgres://u:p@h/db",
      batchSize: 200,
    });
    expect(parseCopyArgs(["--from=postgres://h/db", "--to=b.db", "--batch-size", "50"])).toMatchObject({
      batchSize: 50,
    });
    expect(parseCopyArgs(["-h"])).toEqual({ help: true });
    expect(parseCopyArgs(["--to", "b.db"])).toEqual({ error: expect.stringContaining("--from is required") });
    expect(parseCopyArgs(["--from", "a.db"])).toEqual({ error: expect.stringContaining("--to is required") });
    expect(parseCopyArgs(["--from", "a.db", "--to", "b.db", "--batch-size", "0"])).toEqual({
      error: expect.stringContaining("--batch-size"),
    });
    expect(parseCopyArgs(["--from", "a.db", "--to", "./a.db"])).toEqual({
      error: expect.stringContaining("same"),
    });
    expect(parseCopyArgs(["--from", "a.db", "--to", "b.db", "--force"])).toHaveProperty("error");
  });

  it("never prints a password", () => {
    expect(redactUrl("postgres://app:s3cret@db:5432/play")).toBe("postgres://app:***@db:5432/play");
    expect(redactUrl("postgresql://db/play")).toBe("postgresql://db/play");
  });

  it("prints counts side by side and marks a difference", () => {
    const text = formatReport({
      tables: [
        { name: "messages", source: 12, target: 12 },
        { name: "shares", source: 2, target: 1 },
      ],
      checksum: { source: "aa", target: "aa" },
      ms: 5,
    });
    expect(text.split("\n")[1]).toMatch(/^messages\s+12\s+12$/);
    expect(text.split("\n")[2]).toMatch(/^shares\s+2\s+1\s+≠$/);
    expect(text).toContain("source aa");
  });
});

describe("db:copy between SQLite files", () => {
  it("copies every table, verified, and the target's search index is rebuilt", async () => {
    const from = path.join(dir, "from.db");
    const to = path.join(dir, "to.db");
    await fill(from);
    const report = await copyDatabase(await open(from, "source"), await open(to, "target"), { batchSize: 2 });
    expect(report.tables.every((t) => t.source === t.target && t.source > 0)).toBe(true);
    expect(report.tables.find((t) => t.name === "messages")?.source).toBe(6);
    expect(report.checksum.source).toMatch(/^[0-9a-f]{64}$/);
    expect(report.checksum.target).toBe(report.checksum.source);
    for (const end of ends.splice(0)) await end.close();
    expect(dump(to)).toEqual(dump(from));
    expect(ftsHits(to, "cafe")).toEqual(["m1"]);
    expect(ftsHits(to, "acoustics")).toEqual(["m3"]);
    // the streaming answer is indexed by neither, as in the source
    expect(ftsHits(to, "partial")).toEqual(ftsHits(from, "partial"));
  });

  it("refuses a target that already holds data, and leaves it as it was", async () => {
    const from = path.join(dir, "from.db");
    const to = path.join(dir, "to.db");
    await fill(from);
    await fill(to);
    const before = dump(to);
    await expect(copyDatabase(await open(from, "source"), await open(to, "target"))).rejects.toThrow(
      /not empty \(comparisons: 1, conversations: 3, messages: 6/,
    );
    for (const end of ends.splice(0)) await end.close();
    expect(dump(to)).toEqual(before);
  });

  it("the checksum covers every message's text and status", async () => {
    const file = path.join(dir, "a.db");
    await fill(file);
    const before = await messagesChecksum(await open(file, "source"));
    for (const end of ends.splice(0)) await end.close();
    const sqlite = new Database(file);
    sqlite.prepare("UPDATE messages SET status = 'complete' WHERE id = 'm5'").run();
    sqlite.close();
    expect(await messagesChecksum(await open(file, "source"))).not.toBe(before);
  });

  it("does not create a source that does not exist", async () => {
    await expect(open(path.join(dir, "missing.db"), "source")).rejects.toThrow(CopyError);
    expect(fs.existsSync(path.join(dir, "missing.db"))).toBe(false);
  });

  it("runs as `npm run db:copy` under plain Node; a failed copy removes the target file it created", async () => {
    const from = path.join(dir, "from.db");
    const node = path.join(ROOT, "node_modules", ".bin", "node");
    const cli = (...args: string[]) =>
      spawnSync(node, ["--import", "./lib/cli/ts-resolve.mjs", "lib/cli/db-copy.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
      });
    await fill(from);
    const ok = cli("--from", from, "--to", path.join(dir, "copy.db"));
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^messages\s+6\s+6$/m);
    expect(ok.stdout).toMatch(/messages checksum \(sha256\)\s+source [0-9a-f]{64}/);
    expect(ok.stdout).toContain("PLAYGROUND_SECRET");
    expect(dump(path.join(dir, "copy.db"))).toEqual(dump(from));

    expect(cli("--from", from).status).toBe(2);

    // a message whose conversation is gone (written with foreign keys off): the target refuses it
    const sqlite = new Database(from);
    sqlite.pragma("foreign_keys = OFF");
    sqlite.prepare("DELETE FROM conversations WHERE id = 'c2'").run();
    sqlite.close();
    const broken = cli("--from", from, "--to", path.join(dir, "new.db"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /messages: the target refused rows m1 … m6 \(FOREIGN KEY constraint failed\); nothing was copied/,
    );
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("new.db"))).toEqual([]);
  }, 60_000);
});

// --- with a PostgreSQL server: TEST_DATABASE_URL (node e2e/pg/with-postgres.mjs -- npm run test:unit) --------

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("db:copy SQLite → PostgreSQL → SQLite", () => {
  async function scratch(): Promise<string> {
    const db = await createScratchDatabase(serverUrl as string, "copy");
    scratches.push(db);
    return db.url;
  }

  it("round-trips every row unchanged, verified on each leg; PostgreSQL indexes the copy for search", async () => {
    const from = path.join(dir, "from.db");
    const back = path.join(dir, "back.db");
    await fill(from);
    const url = await scratch();
    const there = await copyDatabase(await open(from, "source"), await open(url, "target"), { batchSize: 4 });
    for (const end of ends.splice(0)) await end.close();
    const home = await copyDatabase(await open(url, "source"), await open(back, "target"));
    for (const end of ends.splice(0)) await end.close();
    expect(home.checksum).toEqual(there.checksum);
    expect(home.tables).toEqual(there.tables);
    expect(dump(back)).toEqual(dump(from));
    expect(ftsHits(back, "cafe")).toEqual(["m1"]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT id FROM messages WHERE search_vector @@ to_tsquery('playground_search', 'cafe:*') ORDER BY id`,
    );
    await client.end();
    expect(rows.map((r) => r.id)).toEqual(["m1"]);
  });

  it("refuses a non-empty PostgreSQL target, and a NUL character PostgreSQL cannot store, copying nothing", async () => {
    const from = path.join(dir, "from.db");
    await fill(from);
    const url = await scratch();
    const sqlite = new Database(from);
    sqlite.prepare("UPDATE messages SET content = ? WHERE id = 'm4'").run("a\u0000b");
    sqlite.close();
    await expect(copyDatabase(await open(from, "source"), await open(url, "target"))).rejects.toThrow(
      /messages m4: content holds a NUL character/,
    );
    for (const end of ends.splice(0)) await end.close();
    const empty = await open(url, "source");
    const counts = await countRows(empty);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);

    const clean = path.join(dir, "clean.db");
    await fill(clean);
    await copyDatabase(await open(clean, "source"), await open(url, "target"));
    await expect(copyDatabase(await open(clean, "source"), await open(url, "target"))).rejects.toThrow(
      /not empty/,
    );
  });
});
