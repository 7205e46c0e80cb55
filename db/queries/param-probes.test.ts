import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../client";
import { insertProbe, latestProbe, latestProbes } from "./param-probes";

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-probes-"));
  db = openDb(path.join(dir, "test.db"));
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const probe = (id: string, providerId: string, modelId: string, createdAt: number) => ({
  id,
  providerId,
  modelId,
  results: { verdicts: { run: id } },
  createdAt,
});

describe("param_probes queries", () => {
  it("the latest probe per provider + model, scoped by owner", () => {
    insertProbe(db, "local", probe("p1", "offline", "offline/ngram", 1000));
    insertProbe(db, "local", probe("p2", "offline", "offline/ngram", 2000));
    insertProbe(db, "local", probe("p3", "aimlapi", "offline/ngram", 1500));
    insertProbe(db, "someone", probe("p4", "offline", "offline/ngram", 3000));

    expect(latestProbe(db, "local", "offline", "offline/ngram")).toMatchObject({
      id: "p2",
      results: { verdicts: { run: "p2" } },
    });
    expect(latestProbe(db, "local", "offline", "other")).toBeUndefined();
    expect(latestProbe(db, "nobody", "offline", "offline/ngram")).toBeUndefined();
    const ids = (rows: ReturnType<typeof latestProbes>) =>
      rows.map((r) => (r.verdicts as { run: string }).run);
    expect(latestProbes(db, "local")).toEqual([
      { providerId: "offline", modelId: "offline/ngram", createdAt: 2000, verdicts: { run: "p2" } },
      { providerId: "aimlapi", modelId: "offline/ngram", createdAt: 1500, verdicts: { run: "p3" } },
    ]);
    expect(ids(latestProbes(db, "someone"))).toEqual(["p4"]);
    // Two runs stored in the same millisecond: one of them, the same one each time.
    insertProbe(db, "local", probe("p6", "aimlapi", "offline/ngram", 1500));
    insertProbe(db, "local", probe("p5", "aimlapi", "offline/ngram", 1500));
    expect(ids(latestProbes(db, "local"))).toEqual(["p2", "p6"]);
    expect(latestProbe(db, "local", "aimlapi", "offline/ngram")?.id).toBe("p6");
  });
});
