import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../client";
import { openTestDb, type TestDb } from "../test-db";
import * as bq from "./blind";
import * as cq from "./comparisons";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_blind");
  db = testDb.db;
  await cq.createComparison(db, "alice", { id: "cmp", title: "t", columns: [col("c1"), col("c2")] });
});
afterEach(() => testDb.close());

const col = (id: string) => ({ id, providerId: "offline", modelId: "offline/ngram", params: {} });
const candidates = [
  { columnId: "c1", messageId: "a1", providerId: "offline", modelId: "m", params: { temperature: 0 } },
  { columnId: "c2", messageId: "a2", providerId: "offline", modelId: "m", params: { temperature: 1 } },
];

describe("blind queries", () => {
  it("store the order per comparison, for its owner only", async () => {
    expect(await bq.getBlindOrder(db, "alice", "cmp")).toBeNull();
    expect(await bq.setBlindOrder(db, "bob", "cmp", ["c2", "c1"])).toBe(false);
    expect(await bq.setBlindOrder(db, "alice", "cmp", ["c2", "c1"])).toBe(true);
    expect(await bq.getBlindOrder(db, "alice", "cmp")).toEqual(["c2", "c1"]);
    expect(await bq.getBlindOrder(db, "bob", "cmp")).toBeUndefined();
  });

  it("keep one vote per message (a second replaces it), and count only revealed votes of the owner", async () => {
    await bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: "c1", candidates }, 1000);
    await bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: null, candidates }, 2000);
    await bq.upsertVote(db, "alice", "cmp", { turn: 1, winnerColumnId: "c2", candidates }, 3000);
    expect(
      (await bq.getVotes(db, "alice", "cmp")).map((v) => [
        v.turn,
        v.winnerColumnId,
        v.createdAt,
        v.updatedAt,
      ]),
    ).toEqual([
      [0, null, 1000, 2000],
      [1, "c2", 3000, 3000],
    ]);
    expect(await bq.getVotes(db, "bob", "cmp")).toEqual([]);
    expect(await bq.revealedVotes(db, "alice")).toEqual([]);

    await bq.revealVotes(db, "bob", "cmp", 4000);
    expect(await bq.revealedVotes(db, "alice")).toEqual([]);
    await bq.revealVotes(db, "alice", "cmp", 4000);
    expect((await bq.revealedVotes(db, "alice")).map((v) => v.winnerColumnId)).toEqual([null, "c2"]);
    expect(await bq.revealedVotes(db, "bob")).toEqual([]);
    expect((await bq.getVote(db, "alice", "cmp", 1))?.revealedAt).toBe(4000);
  });

  it("go with their comparison", async () => {
    await bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: "c1", candidates, revealedAt: 5 });
    await cq.deleteComparison(db, "alice", "cmp");
    expect(await bq.revealedVotes(db, "alice")).toEqual([]);
  });
});
