import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../client";
import * as q from "./conversations";
import * as t from "./turn";
import { deleteVersion, messageVersions, selectVersion, versionsOf } from "./versions";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-versions-"));
  db = openDb(path.join(dir, "test.db"));
  q.ensureConversation(db, "alice", {
    id: "c1",
    title: "c1",
    providerId: "offline",
    modelId: "offline/ngram",
    params: {},
  });
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settings = { providerId: "offline", modelId: "offline/ngram", params: {} };
const user = (id: string, at?: t.Placement) =>
  t.appendUserMessage(db, { id, conversationId: "c1", content: id, createdAt: 1 }, at);
function answer(id: string, at?: t.Placement) {
  t.appendStreamingAnswer(db, { id, conversationId: "c1", ...settings, instanceId: null, createdAt: 1 }, at);
  q.updateMessage(db, "alice", "c1", id, { content: id, status: "complete" });
}
const shown = () => q.getMessages(db, "alice", "c1").map((m) => m.id);
const select = (id: string) => selectVersion(db, "alice", "c1", id);

/** u1 → a1, then a2 regenerated beside a1 (the way run-chat.ts does it). */
function regenerated() {
  user("u1");
  answer("a1");
  t.deactivateFrom(db, "c1", 1);
  answer("a2", { parentId: "u1", seq: 1 });
}

describe("message versions", () => {
  it("lists every version of a message, oldest first, for its owner only", () => {
    regenerated();
    t.deactivateFrom(db, "c1", 1);
    answer("a3", { parentId: "u1", seq: 1 });
    const ids = (id: string, owner = "alice") => messageVersions(db, owner, "c1", id)?.map((m) => m.id);
    expect(ids("a3")).toEqual(["a1", "a2", "a3"]);
    expect(ids("a1")).toEqual(["a1", "a2", "a3"]);
    expect(messageVersions(db, "alice", "c1", "a3")?.[0]?.content).toBe("a1");
    expect(ids("u1")).toEqual(["u1"]);
    expect(ids("a3", "bob")).toBeUndefined();
    expect(ids("nope")).toBeUndefined();
  });

  it("a regenerated answer is shown, the earlier one kept beside it", () => {
    regenerated();
    expect(shown()).toEqual(["u1", "a2"]);
    const rows = q.getMessages(db, "alice", "c1");
    expect(Object.fromEntries(versionsOf(db, "c1", rows))).toEqual({ a2: ["a1", "a2"] });
  });

  it("selecting a version shows its branch, and coming back restores what followed the other one", () => {
    regenerated();
    const back = select("a1");
    expect(back.ok && back.rows.map((r) => r.id)).toEqual(["a1"]);
    user("u2");
    answer("a3");
    expect(shown()).toEqual(["u1", "a1", "u2", "a3"]);

    const other = select("a2");
    expect(other.ok && other.rows.map((r) => r.id)).toEqual(["a2"]);
    expect(shown()).toEqual(["u1", "a2"]);

    const again = select("a1");
    expect(again.ok && again.rows.map((r) => r.id)).toEqual(["a1", "u2", "a3"]);
    expect(shown()).toEqual(["u1", "a1", "u2", "a3"]);
  });

  it("versions of a first message (an edited prompt) have no parent", () => {
    user("u1");
    answer("a1");
    t.deactivateFrom(db, "c1", 0);
    user("u1b", { parentId: null, seq: 0 });
    answer("a1b");
    expect(shown()).toEqual(["u1b", "a1b"]);
    expect(versionsOf(db, "c1", q.getMessages(db, "alice", "c1")).get("u1b")).toEqual(["u1", "u1b"]);
    const r = select("u1");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["u1", "a1"]);
  });

  it("refuses a message off the shown branch, another owner, and a conversation that is streaming", () => {
    regenerated();
    select("a1");
    user("u2");
    answer("a3");
    select("a2");
    // u2 follows a1, which is not shown now: it is not a version of a shown message.
    expect(select("u2")).toEqual({ ok: false, reason: "not_a_version" });
    expect(selectVersion(db, "mallory", "c1", "a1")).toEqual({ ok: false, reason: "not_found" });
    expect(select("nope")).toEqual({ ok: false, reason: "not_found" });

    user("u3");
    t.appendStreamingAnswer(db, {
      id: "s1",
      conversationId: "c1",
      ...settings,
      instanceId: null,
      createdAt: 1,
    });
    expect(select("a1")).toEqual({ ok: false, reason: "streaming" });
    expect(shown()).toEqual(["u1", "a2", "u3", "s1"]);
  });

  it("selecting the shown version changes nothing", () => {
    regenerated();
    const r = select("a2");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["a2"]);
    expect(shown()).toEqual(["u1", "a2"]);
  });

  it("deleting the shown version removes it with its branch and shows the one before it", () => {
    regenerated();
    select("a1");
    user("u2");
    answer("a3");
    expect(shown()).toEqual(["u1", "a1", "u2", "a3"]);
    const r = deleteVersion(db, "alice", "c1", "a1");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["a2"]);
    expect(shown()).toEqual(["u1", "a2"]);
    const left = db.$client.prepare("select id from messages order by rowid").all() as { id: string }[];
    expect(left.map((m) => m.id)).toEqual(["u1", "a2"]);
    // The last version left is the message itself: not deletable as a version.
    expect(deleteVersion(db, "alice", "c1", "a2")).toEqual({ ok: false, reason: "only_version" });
    expect(deleteVersion(db, "mallory", "c1", "a2")).toEqual({ ok: false, reason: "not_found" });
  });

  it("deleting the first version shows the next; deleting a hidden one leaves the shown branch alone", () => {
    regenerated();
    t.deactivateFrom(db, "c1", 1);
    answer("a3", { parentId: "u1", seq: 1 });
    expect(versionsOf(db, "c1", q.getMessages(db, "alice", "c1")).get("a3")).toEqual(["a1", "a2", "a3"]);
    const hidden = deleteVersion(db, "alice", "c1", "a2");
    expect(hidden.ok && hidden.rows.map((m) => m.id)).toEqual(["a3"]);
    select("a1");
    const first = deleteVersion(db, "alice", "c1", "a1");
    expect(first.ok && first.rows.map((m) => m.id)).toEqual(["a3"]);
    expect(shown()).toEqual(["u1", "a3"]);
  });
});
