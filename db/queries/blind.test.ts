import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../client";
import * as bq from "./blind";
import * as cq from "./comparisons";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-blind-"));
  db = openDb(path.join(dir, "test.db"));
  cq.createComparison(db, "alice", { id: "cmp", title: "t", columns: [col("c1"), col("c2")] });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const col = (id: string) => ({ id, providerId: "offline", modelId: "offline/ngram", params: {} });
const candidates = [
  { columnId: "c1", messageId: "a1", providerId: "offline", modelId: "m", params: { temperature: 0 } },
  { columnId: "c2", messageId: "a2", providerId: "offline", modelId: "m", params: { temperature: 1 } },
];

describe("blind queries", () => {
  it("store the order per comparison, for its owner only", () => {
    expect(bq.getBlindOrder(db, "alice", "cmp")).toBeNull();
    expect(bq.setBlindOrder(db, "bob", "cmp", ["c2", "c1"])).toBe(false);
    expect(bq.setBlindOrder(db, "alice", "cmp", ["c2", "c1"])).toBe(true);
    expect(bq.getBlindOrder(db, "alice", "cmp")).toEqual(["c2", "c1"]);
    expect(bq.getBlindOrder(db, "bob", "cmp")).toBeUndefined();
  });

  it("keep one vote per message (a second replaces it), and count only revealed votes of the owner", () => {
    bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: "c1", candidates }, 1000);
    bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: null, candidates }, 2000);
    bq.upsertVote(db, "alice", "cmp", { turn: 1, winnerColumnId: "c2", candidates }, 3000);
    expect(
      bq.getVotes(db, "alice", "cmp").map((v) => [v.turn, v.winnerColumnId, v.createdAt, v.updatedAt]),
    ).toEqual([
      [0, null, 1000, 2000],
      [1, "c2", 3000, 3000],
    ]);
    expect(bq.getVotes(db, "bob", "cmp")).toEqual([]);
    expect(bq.revealedVotes(db, "alice")).toEqual([]);

    bq.revealVotes(db, "bob", "cmp", 4000);
    expect(bq.revealedVotes(db, "alice")).toEqual([]);
    bq.revealVotes(db, "alice", "cmp", 4000);
    expect(bq.revealedVotes(db, "alice").map((v) => v.winnerColumnId)).toEqual([null, "c2"]);
    expect(bq.revealedVotes(db, "bob")).toEqual([]);
    expect(bq.getVote(db, "alice", "cmp", 1)?.revealedAt).toBe(4000);
  });

  it("go with their comparison", () => {
    bq.upsertVote(db, "alice", "cmp", { turn: 0, winnerColumnId: "c1", candidates, revealedAt: 5 });
    cq.deleteComparison(db, "alice", "cmp");
    expect(bq.revealedVotes(db, "alice")).toEqual([]);
  });
});
