import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../client";
import * as q from "./conversations";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-db-"));
  db = openDb(path.join(dir, "nested", "test.db"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const conv = (id: string) => ({ id, title: id, providerId: "offline", modelId: "offline/ngram", params: {} });

describe("conversation queries", () => {
  it("creates the file, applies migrations and runs in WAL with foreign keys", () => {
    expect(fs.existsSync(path.join(dir, "nested", "test.db"))).toBe(true);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("scopes every read and write by owner", () => {
    q.ensureConversation(db, "alice", conv("c1"));
    expect(q.ensureConversation(db, "bob", conv("c1"))).toBeUndefined();
    expect(q.getConversation(db, "bob", "c1")).toBeUndefined();
    expect(q.listConversations(db, "bob", { limit: 100 })).toEqual([]);
    expect(
      q.appendMessage(db, "bob", { id: "m1", conversationId: "c1", role: "user", content: "x" }),
    ).toBeUndefined();
    expect(q.renameConversation(db, "bob", "c1", "pwned")).toBe(false);
    expect(q.deleteConversation(db, "bob", "c1")).toBe(false);
    expect(q.getConversation(db, "alice", "c1")?.title).toBe("c1");
  });

  it("orders messages, each following the one before, and cascades on delete", () => {
    q.ensureConversation(db, "alice", conv("c1"));
    for (const [i, role] of (["user", "assistant", "user", "assistant"] as const).entries()) {
      q.appendMessage(db, "alice", { id: `m${i}`, conversationId: "c1", role, content: `t${i}` });
    }
    expect(q.getMessages(db, "alice", "c1").map((m) => m.seq)).toEqual([0, 1, 2, 3]);
    expect(q.getMessages(db, "alice", "c1").map((m) => m.parentId)).toEqual([null, "m0", "m1", "m2"]);
    expect(q.deleteConversation(db, "alice", "c1")).toBe(true);
    expect(db.$client.prepare("select count(*) n from messages").get()).toEqual({ n: 0 });
  });

  it("lists newest first", () => {
    q.ensureConversation(db, "alice", conv("old"), 1000);
    q.ensureConversation(db, "alice", conv("new"), 2000);
    expect(q.listConversations(db, "alice", { limit: 100 }).map((c) => c.id)).toEqual(["new", "old"]);
  });

  it("pages the list by (updatedAt, id) descending, chats only, with ties", () => {
    for (const [id, at] of [
      ["a", 1000],
      ["b", 2000],
      ["c", 2000],
      ["d", 3000],
    ] as const) {
      q.ensureConversation(db, "alice", conv(id), at);
    }
    db.$client
      .prepare(
        "insert into comparisons (id, owner_id, title, created_at, updated_at) values ('k', 'alice', 'k', 5000, 5000)",
      )
      .run();
    db.$client
      .prepare(
        "insert into conversations (id, owner_id, title, comparison_id, column_index, provider_id, model_id, params, created_at, updated_at) values ('col', 'alice', 'k', 'k', 0, 'offline', 'offline/ngram', '{}', 5000, 5000)",
      )
      .run();
    const first = q.listConversations(db, "alice", { limit: 2 });
    expect(first.map((c) => c.id)).toEqual(["d", "c"]);
    const after = { updatedAt: 2000, id: "c" };
    expect(q.listConversations(db, "alice", { limit: 2, after }).map((c) => c.id)).toEqual(["b", "a"]);
    expect(q.listConversations(db, "bob", { limit: 2, after })).toEqual([]);
  });

  it("reads the latest messages, and the page before a message", () => {
    q.ensureConversation(db, "alice", conv("c1"));
    for (let i = 0; i < 5; i++) {
      q.appendMessage(db, "alice", { id: `m${i}`, conversationId: "c1", role: i % 2 ? "assistant" : "user" });
    }
    const latest = q.getMessagesBefore(db, "alice", "c1", { limit: 2 });
    expect(latest?.rows.map((m) => m.id)).toEqual(["m3", "m4"]);
    expect(latest?.hasEarlier).toBe(true);
    const earlier = q.getMessagesBefore(db, "alice", "c1", { limit: 5, beforeId: "m3" });
    expect(earlier?.rows.map((m) => m.id)).toEqual(["m0", "m1", "m2"]);
    expect(earlier?.hasEarlier).toBe(false);
    expect(q.getMessagesBefore(db, "alice", "c1", { limit: 2, beforeId: "nope" })).toBeUndefined();
    expect(q.getMessagesBefore(db, "bob", "c1", { limit: 2 })).toBeUndefined();
  });

  it("reads from a message to the end (opening at a search result), its question first", () => {
    q.ensureConversation(db, "alice", conv("c1"));
    for (let i = 0; i < 6; i++) {
      q.appendMessage(db, "alice", { id: `m${i}`, conversationId: "c1", role: i % 2 ? "assistant" : "user" });
    }
    const fromAnswer = q.getMessagesFrom(db, "alice", "c1", "m3");
    expect(fromAnswer?.rows.map((m) => m.id)).toEqual(["m2", "m3", "m4", "m5"]);
    expect(fromAnswer?.hasEarlier).toBe(true);
    const fromFirst = q.getMessagesFrom(db, "alice", "c1", "m0");
    expect(fromFirst?.rows).toHaveLength(6);
    expect(fromFirst?.hasEarlier).toBe(false);
    const part = q.getMessagesFrom(db, "alice", "c1", "m1", 2);
    expect(part?.rows.map((m) => m.id)).toEqual(["m0", "m1"]);
    expect(part?.hasLater).toBe(true);
    expect(q.getMessagesFrom(db, "alice", "c1", "m3", 4)?.hasLater).toBe(false);
    expect(q.getMessagesFrom(db, "alice", "c1", "nope")).toBeUndefined();
    expect(q.getMessagesFrom(db, "bob", "c1", "m3")).toBeUndefined();
    db.$client.prepare("update messages set active = 0 where id = 'm3'").run();
    expect(q.getMessagesFrom(db, "alice", "c1", "m3")).toBeUndefined();
  });

  it("walks the owner index for the first page of the list", () => {
    const plan = db.$client
      .prepare(
        "explain query plan select id from conversations where owner_id = ? and comparison_id is null order by updated_at desc, id desc limit 51",
      )
      .all("alice") as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toContain("conversations_owner_updated");
  });
});
