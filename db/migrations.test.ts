import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "./client";
import * as cq from "./queries/comparisons";
import * as q from "./queries/conversations";
import { sweepInterrupted } from "./queries/instances";
import * as sq from "./queries/shares";
import { messagesIndexCounts, sqliteOf } from "./test-db";

const MIGRATIONS = path.join(import.meta.dirname, "migrations");

/**
 * SHA-256 of every committed migration. A committed migration is never edited: databases in the wild
 * already ran it, and drizzle's migrator only compares timestamps, so an edit would silently never reach
 * them. Add a new migration with `npm run db:generate`, then add its hash here.
 */
const MIGRATION_SHA256: Record<string, string> = {
  "0000_init": "077f9a79f43ddd0b7ec5a3c546ba24c87b36d5c28806aeb2bc0ebe6fae2bd105",
  "0001_instances": "ff6df5220b2e2aac03197c94035bbbdc7b9180356e61eed34af37380408e805b",
  "0002_settings_and_presets": "5120491e25d14082588b78d93d9a1131ca0b0098fc2eb173dc0d8d6b09848e35",
  "0003_search": "02ac88124e8609e97e39a9519db892451bf0309a607101f678952978f6a8178e",
  "0004_message_versions": "e7451599553dfdf22e2c0a4f3d35cb41b0f562d1ea3e7a3564d6aca205cce81d",
  "0005_param_probes": "56831c0e83f613d0626d710649e70dc9f019f66c534555af049c52915fd4fb1a",
  "0006_blind_votes": "0915bf0c1d4f9d657feafcf76a4c41146807f9aecccf86069a1050ab06cbcde3",
  "0007_search_prompt_with_answer": "0e0138e5c06e0897d789a37aa045879fc8c3bb5cc8d12eac0678ad0b398eabc7",
};

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function journal(): JournalEntry[] {
  const file = path.join(MIGRATIONS, "meta", "_journal.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("committed migrations", () => {
  it("are unchanged, each listed in the journal with its hash recorded here", async () => {
    const entries = journal();
    const files = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    expect(files.sort()).toEqual(entries.map((e) => `${e.tag}.sql`).sort());
    expect(Object.keys(MIGRATION_SHA256), "a migration without a recorded hash").toEqual(
      entries.map((e) => e.tag),
    );
    for (const e of entries) {
      expect(sha256(path.join(MIGRATIONS, `${e.tag}.sql`)), `${e.tag}.sql was edited`).toBe(
        MIGRATION_SHA256[e.tag],
      );
    }
  });

  it("are journaled in order, with increasing timestamps (the migrator applies those newer than the last)", async () => {
    const entries = journal();
    entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      if (i > 0) expect(e.when).toBeGreaterThan(entries[i - 1].when);
    });
  });
});

// --- a database made by the first release, upgraded to HEAD -------------------------------------------------

let dir: string;
let file: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-migrate-"));
  file = path.join(dir, "old.db");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Apply only the first migration, as the first release did, through a folder holding only that one. */
function createFirstReleaseDb(target: string): void {
  const [first] = journal();
  const folder = path.join(dir, "first-migration");
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  fs.copyFileSync(path.join(MIGRATIONS, `${first.tag}.sql`), path.join(folder, `${first.tag}.sql`));
  const original = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8"));
  fs.writeFileSync(
    path.join(folder, "meta", "_journal.json"),
    JSON.stringify({ ...original, entries: [first] }),
  );
  const sqlite = new Database(target);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  migrate(drizzle({ client: sqlite }), { migrationsFolder: folder });
  sqlite.close();
}

const T = 1_780_000_000_000;
const PARAMS = { temperature: 0.7, topP: 0.95, stop: ["END"], seed: 42 };
const USAGE = { promptTokens: 12, completionTokens: 80, reasoningTokens: 30, totalTokens: 92 };
const TIMINGS = { firstReasoningMs: 120, firstAnswerMs: 900, totalMs: 2400, tokensPerSecond: 35.2 };
const ERROR = { code: "rate_limited", message: "Slow down", statusCode: 429, retryable: true };
const SNAPSHOT = { kind: "conversation", title: "Whales", messages: [{ role: "user", text: "Whales?" }] };

/** What the first release wrote, in its own columns (raw SQL: HEAD's schema has more columns). */
function insertFirstReleaseData(target: string): void {
  const sqlite = new Database(target);
  sqlite.pragma("foreign_keys = ON");
  const json = (v: unknown) => JSON.stringify(v);
  const conv = sqlite.prepare(
    `insert into conversations (id, owner_id, title, comparison_id, column_index, provider_id, model_id, params, created_at, updated_at)
     values (?, 'local', ?, ?, ?, 'offline', 'offline/ngram', ?, ?, ?)`,
  );
  const msg = sqlite.prepare(
    `insert into messages (id, conversation_id, seq, role, content, reasoning, provider_id, model_id, params, params_sent, usage, timings, finish_reason, status, error, created_at)
     values (@id, @conv, @seq, @role, @content, @reasoning, @provider, @model, @params, @sent, @usage, @timings, @finish, @status, @error, @at)`,
  );
  const answer = (
    id: string,
    conv: string,
    seq: number,
    status: string,
    extra: Record<string, unknown> = {},
  ) =>
    msg.run({
      id,
      conv,
      seq,
      role: "assistant",
      content: `Answer ${id}`,
      reasoning: `Thinking ${id}`,
      provider: "offline",
      model: "offline/ngram",
      params: json(PARAMS),
      sent: json({ temperature: 0.7, top_p: 0.95, stop: ["END"], seed: 42 }),
      usage: json(USAGE),
      timings: json(TIMINGS),
      finish: null,
      status,
      error: null,
      at: T + seq,
      ...extra,
    });
  const user = (id: string, conv: string, seq: number) =>
    msg.run({
      id,
      conv,
      seq,
      role: "user",
      content: `Question ${id}`,
      reasoning: null,
      provider: null,
      model: null,
      params: null,
      sent: null,
      usage: null,
      timings: null,
      finish: null,
      status: "complete",
      error: null,
      at: T + seq,
    });

  sqlite.transaction(() => {
    conv.run("chat", "Whales", null, null, json(PARAMS), T, T + 100);
    user("u0", "chat", 0);
    answer("a-complete", "chat", 1, "complete", { finish: "stop" });
    user("u1", "chat", 2);
    answer("a-stopped", "chat", 3, "stopped");
    user("u2", "chat", 4);
    answer("a-error", "chat", 5, "error", { error: json(ERROR), content: "" });
    user("u3", "chat", 6);
    answer("a-length", "chat", 7, "length", { finish: "length" });
    user("u4", "chat", 8);
    answer("a-streaming", "chat", 9, "streaming");

    sqlite
      .prepare(
        "insert into comparisons (id, owner_id, title, created_at, updated_at) values ('cmp', 'local', 'Hot vs cold', ?, ?)",
      )
      .run(T, T + 50);
    conv.run("col0", "Hot vs cold", "cmp", 0, json({ temperature: 0 }), T, T);
    conv.run("col1", "Hot vs cold", "cmp", 1, json({ temperature: 1.5 }), T, T);
    for (const col of ["col0", "col1"]) {
      user(`${col}-u`, col, 0);
      answer(`${col}-a`, col, 1, "complete", { finish: "stop" });
    }

    const share = sqlite.prepare(
      `insert into shares (token, owner_id, kind, target_id, title, snapshot, created_at, updated_at, expires_at, revoked_at)
       values (?, 'local', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    share.run("tok-chat", "conversation", "chat", "Whales", json(SNAPSHOT), T, T, null, null);
    share.run(
      "tok-cmp",
      "comparison",
      "cmp",
      "Hot vs cold",
      json({ kind: "comparison" }),
      T,
      T,
      T + 86_400_000,
      null,
    );
    share.run("tok-revoked", "conversation", "chat", "Whales", json(SNAPSHOT), T, T, null, T + 10);
  })();
  sqlite.close();
}

describe("upgrading a database made by the first release", () => {
  it("applies every later migration and keeps the data usable through HEAD's queries", async () => {
    createFirstReleaseDb(file);
    insertFirstReleaseData(file);

    const db = openSqlite(file);
    const sqlite = sqliteOf(db);
    expect(sqlite.prepare("select count(*) n from __drizzle_migrations").get()).toEqual({
      n: journal().length,
    });
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);

    // Chats: comparison columns stay out of the list; every status and JSON field reads back.
    expect((await q.listConversations(db, "local", { limit: 100 })).map((c) => c.id)).toEqual(["chat"]);
    expect(await q.getConversation(db, "local", "chat")).toMatchObject({ title: "Whales", params: PARAMS });
    const rows = await q.getMessages(db, "local", "chat");
    expect(rows.map((m) => [m.id, m.seq, m.role, m.status])).toEqual([
      ["u0", 0, "user", "complete"],
      ["a-complete", 1, "assistant", "complete"],
      ["u1", 2, "user", "complete"],
      ["a-stopped", 3, "assistant", "stopped"],
      ["u2", 4, "user", "complete"],
      ["a-error", 5, "assistant", "error"],
      ["u3", 6, "user", "complete"],
      ["a-length", 7, "assistant", "length"],
      ["u4", 8, "user", "complete"],
      ["a-streaming", 9, "assistant", "streaming"],
    ]);
    expect(rows[1]).toMatchObject({
      content: "Answer a-complete",
      reasoning: "Thinking a-complete",
      params: PARAMS,
      paramsSent: { temperature: 0.7, top_p: 0.95, stop: ["END"], seed: 42 },
      usage: USAGE,
      timings: TIMINGS,
      finishReason: "stop",
      createdAt: T + 1,
    });
    expect(rows[5]).toMatchObject({ content: "", error: ERROR });
    // Columns added after the first release take their defaults on old rows.
    expect(rows.every((m) => m.instanceId === null)).toBe(true);
    // Versions (0004): an old conversation is one branch, each message following the one before it.
    expect(rows.map((m) => m.parentId)).toEqual([null, ...rows.slice(0, -1).map((m) => m.id)]);
    expect(rows.every((m) => m.active && m.selected)).toBe(true);
    expect(sqlite.prepare("select count(*) n from instances").get()).toEqual({ n: 0 });

    // Comparisons and their columns.
    expect((await cq.listComparisons(db, "local", { limit: 100 })).map((c) => c.id)).toEqual(["cmp"]);
    const columns = await cq.getColumns(db, "local", "cmp");
    expect(columns.map((c) => [c.id, c.columnIndex, c.params])).toEqual([
      ["col0", 0, { temperature: 0 }],
      ["col1", 1, { temperature: 1.5 }],
    ]);
    expect((await q.getMessages(db, "local", "col1")).map((m) => m.content)).toEqual([
      "Question col1-u",
      "Answer col1-a",
    ]);

    // Share links.
    expect(await sq.getShareByToken(db, "tok-chat")).toMatchObject({
      kind: "conversation",
      snapshot: SNAPSHOT,
    });
    expect(await sq.getShareByToken(db, "tok-cmp")).toMatchObject({
      expiresAt: T + 86_400_000,
      revokedAt: null,
    });
    expect((await sq.getShareByToken(db, "tok-revoked"))?.revokedAt).toBe(T + 10);
    expect((await sq.sharesOf(db, "local", "conversation", "chat")).map((s) => s.token).sort()).toEqual([
      "tok-chat",
      "tok-revoked",
    ]);

    // Search: u4 was indexed (0003's backfill) before its answer, left streaming, ends as interrupted; 0007
    // indexes a prompt when its answer ends only if the index does not hold it yet.
    const ftsCheck = () => {
      const { indexed, docsize } = messagesIndexCounts(sqlite);
      expect(docsize).toBe(indexed);
    };
    expect(await sweepInterrupted(db, () => true)).toBe(1);
    ftsCheck();
    expect(sqlite.prepare("select rowid from messages_fts where messages_fts match 'u4'").all()).toHaveLength(
      1,
    );

    // Writes at HEAD: a conversation continues after its old messages; deletes still cascade.
    const added = await q.appendMessage(db, "local", {
      id: "u5",
      conversationId: "chat",
      role: "user",
      content: "And dolphins?",
    });
    expect(added).toMatchObject({ seq: 10, parentId: "a-streaming", status: "complete", instanceId: null });
    expect(await cq.deleteComparison(db, "local", "cmp")).toBe(true);
    expect(
      sqlite.prepare("select count(*) n from messages where conversation_id in ('col0', 'col1')").get(),
    ).toEqual({ n: 0 });
    expect(await q.deleteConversation(db, "local", "chat")).toBe(true);
    expect(sqlite.prepare("select count(*) n from messages").get()).toEqual({ n: 0 });
    ftsCheck();
    sqlite.close();
  });

  it("opening an up-to-date database again applies nothing and changes nothing", async () => {
    createFirstReleaseDb(file);
    insertFirstReleaseData(file);
    sqliteOf(openSqlite(file)).close();
    const dump = (db: Database.Database) =>
      db.prepare("select id, seq, status, content from messages order by conversation_id, seq").all();
    const first = new Database(file);
    const before = dump(first);
    first.close();

    const db = openSqlite(file);
    expect(sqliteOf(db).prepare("select count(*) n from __drizzle_migrations").get()).toEqual({
      n: journal().length,
    });
    expect(dump(sqliteOf(db))).toEqual(before);
    sqliteOf(db).close();
  });
});
