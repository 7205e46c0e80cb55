import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, rows } from "../client";
import { openTestDb, type TestDb } from "../test-db";
import * as q from "./conversations";
import * as iq from "./instances";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_inst");
  db = testDb.db;
  await q.ensureConversation(db, "alice", {
    id: "c1",
    title: "c1",
    providerId: "offline",
    modelId: "m",
    params: {},
  });
});
afterEach(() => testDb.close());

const streaming = async (id: string, instanceId: string | null, content = "") =>
  await q.appendMessage(db, "alice", {
    id,
    conversationId: "c1",
    role: "assistant",
    status: "streaming",
    content,
    instanceId,
  });

describe("sweepInterrupted", () => {
  it("marks the answers of gone instances (and of no instance) interrupted, keeps the partial text, leaves live ones", async () => {
    for (const id of ["live", "dead"])
      await iq.registerInstance(db, { id, pid: 1, hostname: "h", startedAt: 0 });
    await streaming("a-live", "live", "still going");
    await streaming("a-dead", "dead", "half an ans");
    await streaming("a-legacy", null);
    await streaming("a-unknown", "never-registered");

    expect(await iq.sweepInterrupted(db, (i) => i.id === "dead")).toBe(3);

    const byId = Object.fromEntries((await q.getMessages(db, "alice", "c1")).map((m) => [m.id, m]));
    expect(byId["a-live"]).toMatchObject({ status: "streaming", instanceId: "live", content: "still going" });
    for (const id of ["a-dead", "a-legacy", "a-unknown"]) {
      expect(byId[id]).toMatchObject({ status: "error", error: { code: "interrupted" }, instanceId: null });
    }
    expect(byId["a-dead"].content).toBe("half an ans");
    expect(await rows(db, sql.raw("select id from instances"))).toEqual([{ id: "live" }]);
  });

  it("a heartbeat reports whether the instance is still registered", async () => {
    await iq.registerInstance(db, { id: "x", pid: 1, hostname: "h", startedAt: 0 });
    expect(await iq.heartbeat(db, "x", 5)).toBe(true);
    await iq.sweepInterrupted(db, () => true);
    expect(await iq.heartbeat(db, "x", 6)).toBe(false);
  });
});
