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
    expect(q.listConversations(db, "bob")).toEqual([]);
    expect(
      q.appendMessage(db, "bob", { id: "m1", conversationId: "c1", role: "user", content: "x" }),
    ).toBeUndefined();
    expect(q.renameConversation(db, "bob", "c1", "pwned")).toBe(false);
    expect(q.deleteConversation(db, "bob", "c1")).toBe(false);
    expect(q.getConversation(db, "alice", "c1")?.title).toBe("c1");
  });

  it("orders messages, truncates from a position, and cascades on delete", () => {
    q.ensureConversation(db, "alice", conv("c1"));
    for (const [i, role] of (["user", "assistant", "user", "assistant"] as const).entries()) {
      q.appendMessage(db, "alice", { id: `m${i}`, conversationId: "c1", role, content: `t${i}` });
    }
    expect(q.getMessages(db, "alice", "c1").map((m) => m.seq)).toEqual([0, 1, 2, 3]);
    q.truncateFrom(db, "alice", "c1", 2);
    expect(q.getMessages(db, "alice", "c1").map((m) => m.id)).toEqual(["m0", "m1"]);
    expect(q.deleteConversation(db, "alice", "c1")).toBe(true);
    expect(db.$client.prepare("select count(*) n from messages").get()).toEqual({ n: 0 });
  });

  it("lists newest first", () => {
    q.ensureConversation(db, "alice", conv("old"), 1000);
    q.ensureConversation(db, "alice", conv("new"), 2000);
    expect(q.listConversations(db, "alice").map((c) => c.id)).toEqual(["new", "old"]);
  });
});
