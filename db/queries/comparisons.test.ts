import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../client";
import { openTestDb, type TestDb } from "../test-db";
import * as cq from "./comparisons";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_cmp");
  db = testDb.db;
});
afterEach(() => testDb.close());

const col = (id: string) => ({ id, providerId: "offline", modelId: "offline/ngram", params: {} });

describe("comparison list", () => {
  it("pages newest first with each comparison's column count, owner-scoped", async () => {
    await cq.createComparison(
      db,
      "alice",
      { id: "old", title: "old", columns: [col("o1"), col("o2")] },
      1000,
    );
    await cq.createComparison(
      db,
      "alice",
      { id: "mid", title: "mid", columns: [col("m1"), col("m2"), col("m3")] },
      2000,
    );
    await cq.createComparison(
      db,
      "alice",
      { id: "new", title: "new", columns: [col("n1"), col("n2")] },
      3000,
    );
    await cq.createComparison(
      db,
      "bob",
      { id: "bobs", title: "bobs", columns: [col("b1"), col("b2")] },
      4000,
    );
    const first = await cq.listComparisons(db, "alice", { limit: 2 });
    expect(first.map((c) => [c.id, c.columnCount])).toEqual([
      ["new", 2],
      ["mid", 3],
    ]);
    const rest = await cq.listComparisons(db, "alice", { limit: 2, after: { updatedAt: 2000, id: "mid" } });
    expect(rest.map((c) => [c.id, c.columnCount])).toEqual([["old", 2]]);
  });
});
