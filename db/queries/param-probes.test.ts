import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../client";
import { onPostgres, openTestDb, sqliteOf, type TestDb } from "../test-db";
import { insertProbe, latestProbe, latestProbes } from "./param-probes";

let testDb: TestDb;
let db: Db;
beforeEach(async () => {
  testDb = await openTestDb("pg_probes");
  db = testDb.db;
});
afterEach(async () => {
  await testDb.close();
});

const probe = (id: string, providerId: string, modelId: string, createdAt: number) => ({
  id,
  providerId,
  modelId,
  results: { verdicts: { run: id } },
  createdAt,
});

describe("param_probes queries", () => {
  it("the latest probe per provider + model, scoped by owner", async () => {
    await insertProbe(db, "local", probe("p1", "offline", "offline/ngram", 1000));
    await insertProbe(db, "local", probe("p2", "offline", "offline/ngram", 2000));
    await insertProbe(db, "local", probe("p3", "aimlapi", "offline/ngram", 1500));
    await insertProbe(db, "someone", probe("p4", "offline", "offline/ngram", 3000));

    expect(await latestProbe(db, "local", "offline", "offline/ngram")).toMatchObject({
      id: "p2",
      results: { verdicts: { run: "p2" } },
    });
    expect(await latestProbe(db, "local", "offline", "other")).toBeUndefined();
    expect(await latestProbe(db, "nobody", "offline", "offline/ngram")).toBeUndefined();
    const ids = (rows: Awaited<ReturnType<typeof latestProbes>>) =>
      rows.map((r) => (r.verdicts as { run: string }).run);
    expect(await latestProbes(db, "local")).toEqual([
      { providerId: "offline", modelId: "offline/ngram", createdAt: 2000, verdicts: { run: "p2" } },
      { providerId: "aimlapi", modelId: "offline/ngram", createdAt: 1500, verdicts: { run: "p3" } },
    ]);
    expect(ids(await latestProbes(db, "someone"))).toEqual(["p4"]);
    // Two runs stored in the same millisecond: one of them, the same one each time.
    await insertProbe(db, "local", probe("p6", "aimlapi", "offline/ngram", 1500));
    await insertProbe(db, "local", probe("p5", "aimlapi", "offline/ngram", 1500));
    expect(ids(await latestProbes(db, "local"))).toEqual(["p2", "p6"]);
    expect((await latestProbe(db, "local", "aimlapi", "offline/ngram"))?.id).toBe("p6");
  });

  it.skipIf(onPostgres)(
    "the latest probes are read by a statement compiled once (every send reads them)",
    async () => {
      await insertProbe(db, "local", probe("p1", "offline", "offline/ngram", 1000));
      await latestProbes(db, "local");
      const prepare = vi.spyOn(sqliteOf(db), "prepare");
      await insertProbe(db, "local", probe("p2", "offline", "offline/ngram", 2000));
      prepare.mockClear();
      expect((await latestProbes(db, "other")).length).toBe(0);
      expect((await latestProbes(db, "local")).map((r) => r.verdicts)).toEqual([{ run: "p2" }]);
      expect(prepare).not.toHaveBeenCalled();
      prepare.mockRestore();
    },
  );
});
