import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, execute, rows } from "../client";
import { onPostgres, openTestDb, sqliteOf, type TestDb } from "../test-db";
import * as q from "./conversations";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_db");
  db = testDb.db;
});
afterEach(() => testDb.close());

const conv = (id: string) => ({ id, title: id, providerId: "offline", modelId: "offline/ngram", params: {} });

describe("conversation queries", () => {
  it.skipIf(onPostgres)(
    "creates the file, applies migrations and runs in WAL with foreign keys",
    async () => {
      const sqlite = sqliteOf(db);
      expect(fs.existsSync(sqlite.name)).toBe(true);
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    },
  );

  it("scopes every read and write by owner", async () => {
    await q.ensureConversation(db, "alice", conv("c1"));
    expect(await q.ensureConversation(db, "bob", conv("c1"))).toBeUndefined();
    expect(await q.getConversation(db, "bob", "c1")).toBeUndefined();
    expect(await q.listConversations(db, "bob", { limit: 100 })).toEqual([]);
    expect(
      await q.appendMessage(db, "bob", { id: "m1", conversationId: "c1", role: "user", content: "x" }),
    ).toBeUndefined();
    expect(await q.renameConversation(db, "bob", "c1", "pwned")).toBe(false);
    expect(await q.deleteConversation(db, "bob", "c1")).toBe(false);
    expect((await q.getConversation(db, "alice", "c1"))?.title).toBe("c1");
  });

  it("orders messages, each following the one before, and cascades on delete", async () => {
    await q.ensureConversation(db, "alice", conv("c1"));
    for (const [i, role] of (["user", "assistant", "user", "assistant"] as const).entries()) {
      await q.appendMessage(db, "alice", { id: `m${i}`, conversationId: "c1", role, content: `t${i}` });
    }
    expect((await q.getMessages(db, "alice", "c1")).map((m) => m.seq)).toEqual([0, 1, 2, 3]);
    expect((await q.getMessages(db, "alice", "c1")).map((m) => m.parentId)).toEqual([null, "m0", "m1", "m2"]);
    expect(await q.deleteConversation(db, "alice", "c1")).toBe(true);
    expect((await rows(db, sql.raw("select count(*) n from messages")))[0]).toEqual({ n: 0 });
  });

  it("lists the owner's streaming answers of a conversation, oldest first, whichever instance streams them", async () => {
    await q.ensureConversation(db, "alice", conv("c1"));
    await q.ensureConversation(db, "alice", conv("c2"));
    await q.appendMessage(db, "alice", { id: "u1", conversationId: "c1", role: "user", content: "q" });
    await q.appendMessage(db, "alice", { id: "done", conversationId: "c1", role: "assistant", content: "a" });
    const streaming = (id: string, conversationId: string, createdAt: number) =>
      q.appendMessage(db, "alice", {
        id,
        conversationId,
        role: "assistant",
        content: "",
        status: "streaming",
        instanceId: "elsewhere",
        createdAt,
      });
    await streaming("s2", "c1", 2000);
    await streaming("s1", "c1", 1000);
    await streaming("other", "c2", 500);
    expect(await q.streamingAnswerIds(db, "alice", "c1")).toEqual(["s1", "s2"]);
    expect(await q.streamingAnswerIds(db, "bob", "c1")).toEqual([]);
    expect(await q.streamingAnswerIds(db, "alice", "missing")).toEqual([]);
    await q.updateMessage(db, "alice", "c1", "s1", { status: "stopped" });
    expect(await q.streamingAnswerIds(db, "alice", "c1")).toEqual(["s2"]);
  });

  it("lists newest first", async () => {
    await q.ensureConversation(db, "alice", conv("old"), 1000);
    await q.ensureConversation(db, "alice", conv("new"), 2000);
    expect((await q.listConversations(db, "alice", { limit: 100 })).map((c) => c.id)).toEqual(["new", "old"]);
  });

  it("pages the list by (updatedAt, id) descending, chats only, with ties", async () => {
    for (const [id, at] of [
      ["a", 1000],
      ["b", 2000],
      ["c", 2000],
      ["d", 3000],
    ] as const) {
      await q.ensureConversation(db, "alice", conv(id), at);
    }
    await execute(
      db,
      sql.raw(
        "insert into comparisons (id, owner_id, title, created_at, updated_at) values ('k', 'alice', 'k', 5000, 5000)",
      ),
    );
    await execute(
      db,
      sql.raw(
        "insert into conversations (id, owner_id, title, comparison_id, column_index, provider_id, model_id, params, created_at, updated_at) values ('col', 'alice', 'k', 'k', 0, 'offline', 'offline/ngram', '{}', 5000, 5000)",
      ),
    );
    const first = await q.listConversations(db, "alice", { limit: 2 });
    expect(first.map((c) => c.id)).toEqual(["d", "c"]);
    const after = { updatedAt: 2000, id: "c" };
    expect((await q.listConversations(db, "alice", { limit: 2, after })).map((c) => c.id)).toEqual([
      "b",
      "a",
    ]);
    expect(await q.listConversations(db, "bob", { limit: 2, after })).toEqual([]);
  });

  it("reads the latest messages, and the page before a message", async () => {
    await q.ensureConversation(db, "alice", conv("c1"));
    for (let i = 0; i < 5; i++) {
      await q.appendMessage(db, "alice", {
        id: `m${i}`,
        conversationId: "c1",
        role: i % 2 ? "assistant" : "user",
      });
    }
    const latest = await q.getMessagesBefore(db, "alice", "c1", { limit: 2 });
    expect(latest?.rows.map((m) => m.id)).toEqual(["m3", "m4"]);
    expect(latest?.hasEarlier).toBe(true);
    const earlier = await q.getMessagesBefore(db, "alice", "c1", { limit: 5, beforeId: "m3" });
    expect(earlier?.rows.map((m) => m.id)).toEqual(["m0", "m1", "m2"]);
    expect(earlier?.hasEarlier).toBe(false);
    expect(await q.getMessagesBefore(db, "alice", "c1", { limit: 2, beforeId: "nope" })).toBeUndefined();
    expect(await q.getMessagesBefore(db, "bob", "c1", { limit: 2 })).toBeUndefined();
  });

  it("reads from a message to the end (opening at a search result), its question first", async () => {
    await q.ensureConversation(db, "alice", conv("c1"));
    for (let i = 0; i < 6; i++) {
      await q.appendMessage(db, "alice", {
        id: `m${i}`,
        conversationId: "c1",
        role: i % 2 ? "assistant" : "user",
      });
    }
    const fromAnswer = await q.getMessagesFrom(db, "alice", "c1", "m3");
    expect(fromAnswer?.rows.map((m) => m.id)).toEqual(["m2", "m3", "m4", "m5"]);
    expect(fromAnswer?.hasEarlier).toBe(true);
    const fromFirst = await q.getMessagesFrom(db, "alice", "c1", "m0");
    expect(fromFirst?.rows).toHaveLength(6);
    expect(fromFirst?.hasEarlier).toBe(false);
    const part = await q.getMessagesFrom(db, "alice", "c1", "m1", 2);
    expect(part?.rows.map((m) => m.id)).toEqual(["m0", "m1"]);
    expect(part?.hasLater).toBe(true);
    expect((await q.getMessagesFrom(db, "alice", "c1", "m3", 4))?.hasLater).toBe(false);
    expect(await q.getMessagesFrom(db, "alice", "c1", "nope")).toBeUndefined();
    expect(await q.getMessagesFrom(db, "bob", "c1", "m3")).toBeUndefined();
    await execute(db, sql.raw("update messages set active = false where id = 'm3'"));
    expect(await q.getMessagesFrom(db, "alice", "c1", "m3")).toBeUndefined();
  });

  it.skipIf(onPostgres)("walks the owner index for the first page of the list", async () => {
    const plan = sqliteOf(db)
      .prepare(
        "explain query plan select id from conversations where owner_id = ? and comparison_id is null order by updated_at desc, id desc limit 51",
      )
      .all("alice") as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toContain("conversations_owner_updated");
  });
});
