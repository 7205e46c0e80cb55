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
  results: { run: id },
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
      results: { run: "p2" },
    });
    expect(latestProbe(db, "local", "offline", "other")).toBeUndefined();
    expect(latestProbe(db, "nobody", "offline", "offline/ngram")).toBeUndefined();
    expect(latestProbes(db, "local").map((r) => r.id)).toEqual(["p2", "p3"]);
    expect(latestProbes(db, "someone").map((r) => r.id)).toEqual(["p4"]);
  });
});
