import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, rows } from "../client";
import { openTestDb, type TestDb } from "../test-db";
import * as q from "./conversations";
import * as t from "./turn";
import { deleteVersion, messageVersions, selectVersion, versionsOf } from "./versions";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_versions");
  db = testDb.db;
  await q.ensureConversation(db, "alice", {
    id: "c1",
    title: "c1",
    providerId: "offline",
    modelId: "offline/ngram",
    params: {},
  });
});
afterEach(async () => {
  await testDb.close();
});

const settings = { providerId: "offline", modelId: "offline/ngram", params: {} };
const user = async (id: string, at?: t.Placement) =>
  await t.appendUserMessage(db, { id, conversationId: "c1", content: id, createdAt: 1 }, at);
async function answer(id: string, at?: t.Placement) {
  await t.appendStreamingAnswer(
    db,
    { id, conversationId: "c1", ...settings, instanceId: null, createdAt: 1 },
    at,
  );
  await q.updateMessage(db, "alice", "c1", id, { content: id, status: "complete" });
}
const shown = async () => (await q.getMessages(db, "alice", "c1")).map((m) => m.id);
const select = async (id: string) => await selectVersion(db, "alice", "c1", id);

/** u1 → a1, then a2 regenerated beside a1 (the way run-chat.ts does it). */
async function regenerated() {
  await user("u1");
  await answer("a1");
  await t.deactivateFrom(db, "c1", 1);
  await answer("a2", { parentId: "u1", seq: 1 });
}

describe("message versions", () => {
  it("lists every version of a message, oldest first, for its owner only", async () => {
    await regenerated();
    await t.deactivateFrom(db, "c1", 1);
    await answer("a3", { parentId: "u1", seq: 1 });
    const ids = async (id: string, owner = "alice") =>
      (await messageVersions(db, owner, "c1", id))?.map((m) => m.id);
    expect(await ids("a3")).toEqual(["a1", "a2", "a3"]);
    expect(await ids("a1")).toEqual(["a1", "a2", "a3"]);
    expect((await messageVersions(db, "alice", "c1", "a3"))?.[0]?.content).toBe("a1");
    expect(await ids("u1")).toEqual(["u1"]);
    expect(await ids("a3", "bob")).toBeUndefined();
    expect(await ids("nope")).toBeUndefined();
  });

  it("a regenerated answer is shown, the earlier one kept beside it", async () => {
    await regenerated();
    expect(await shown()).toEqual(["u1", "a2"]);
    const rows = await q.getMessages(db, "alice", "c1");
    expect(Object.fromEntries(await versionsOf(db, "c1", rows))).toEqual({ a2: ["a1", "a2"] });
  });

  it("selecting a version shows its branch, and coming back restores what followed the other one", async () => {
    await regenerated();
    const back = await select("a1");
    expect(back.ok && back.rows.map((r) => r.id)).toEqual(["a1"]);
    await user("u2");
    await answer("a3");
    expect(await shown()).toEqual(["u1", "a1", "u2", "a3"]);

    const other = await select("a2");
    expect(other.ok && other.rows.map((r) => r.id)).toEqual(["a2"]);
    expect(await shown()).toEqual(["u1", "a2"]);

    const again = await select("a1");
    expect(again.ok && again.rows.map((r) => r.id)).toEqual(["a1", "u2", "a3"]);
    expect(await shown()).toEqual(["u1", "a1", "u2", "a3"]);
  });

  it("versions of a first message (an edited prompt) have no parent", async () => {
    await user("u1");
    await answer("a1");
    await t.deactivateFrom(db, "c1", 0);
    await user("u1b", { parentId: null, seq: 0 });
    await answer("a1b");
    expect(await shown()).toEqual(["u1b", "a1b"]);
    expect((await versionsOf(db, "c1", await q.getMessages(db, "alice", "c1"))).get("u1b")).toEqual([
      "u1",
      "u1b",
    ]);
    const r = await select("u1");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["u1", "a1"]);
  });

  it("refuses a message off the shown branch, another owner, and a conversation that is streaming", async () => {
    await regenerated();
    await select("a1");
    await user("u2");
    await answer("a3");
    await select("a2");
    // u2 follows a1, which is not shown now: it is not a version of a shown message.
    expect(await select("u2")).toEqual({ ok: false, reason: "not_a_version" });
    expect(await selectVersion(db, "mallory", "c1", "a1")).toEqual({ ok: false, reason: "not_found" });
    expect(await select("nope")).toEqual({ ok: false, reason: "not_found" });

    await user("u3");
    await t.appendStreamingAnswer(db, {
      id: "s1",
      conversationId: "c1",
      ...settings,
      instanceId: null,
      createdAt: 1,
    });
    expect(await select("a1")).toEqual({ ok: false, reason: "streaming" });
    expect(await shown()).toEqual(["u1", "a2", "u3", "s1"]);
  });

  it("selecting the shown version changes nothing", async () => {
    await regenerated();
    const r = await select("a2");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["a2"]);
    expect(await shown()).toEqual(["u1", "a2"]);
  });

  it("deleting the shown version removes it with its branch and shows the one before it", async () => {
    await regenerated();
    await select("a1");
    await user("u2");
    await answer("a3");
    expect(await shown()).toEqual(["u1", "a1", "u2", "a3"]);
    const r = await deleteVersion(db, "alice", "c1", "a1");
    expect(r.ok && r.rows.map((m) => m.id)).toEqual(["a2"]);
    expect(await shown()).toEqual(["u1", "a2"]);
    const left = (await rows(db, sql.raw("select id from messages order by seq, id"))) as { id: string }[];
    expect(left.map((m) => m.id)).toEqual(["u1", "a2"]);
    // The last version left is the message itself: not deletable as a version.
    expect(await deleteVersion(db, "alice", "c1", "a2")).toEqual({ ok: false, reason: "only_version" });
    expect(await deleteVersion(db, "mallory", "c1", "a2")).toEqual({ ok: false, reason: "not_found" });
  });

  it("deleting the first version shows the next; deleting a hidden one leaves the shown branch alone", async () => {
    await regenerated();
    await t.deactivateFrom(db, "c1", 1);
    await answer("a3", { parentId: "u1", seq: 1 });
    expect((await versionsOf(db, "c1", await q.getMessages(db, "alice", "c1"))).get("a3")).toEqual([
      "a1",
      "a2",
      "a3",
    ]);
    const hidden = await deleteVersion(db, "alice", "c1", "a2");
    expect(hidden.ok && hidden.rows.map((m) => m.id)).toEqual(["a3"]);
    await select("a1");
    const first = await deleteVersion(db, "alice", "c1", "a1");
    expect(first.ok && first.rows.map((m) => m.id)).toEqual(["a3"]);
    expect(await shown()).toEqual(["u1", "a3"]);
  });
});
