import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../client";
import { openTestDb, type TestDb } from "../test-db";
import * as q from "./provider-configs";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("pg_provider_configs");
  db = testDb.db;
});
afterEach(async () => {
  await testDb.close();
});

const custom = (id: string, createdAt: number) => ({
  id,
  kind: "custom" as const,
  name: id,
  baseUrl: "http://localhost:11434/v1",
  apiKeyEncrypted: null,
  apiKeyHint: null,
  defaultModel: null,
  createdAt,
  updatedAt: createdAt,
});

describe("provider_configs queries", () => {
  it("lists by creation, then id; updates and deletes one row", async () => {
    await q.insertProviderConfig(db, custom("p-b", 2));
    await q.insertProviderConfig(db, custom("p-a", 2));
    await q.insertProviderConfig(db, custom("p-c", 1));
    expect((await q.listProviderConfigs(db)).map((r) => r.id)).toEqual(["p-c", "p-a", "p-b"]);

    const updated = await q.updateProviderConfig(db, "p-a", { name: "Renamed", defaultModel: "m" }, 5);
    expect(updated).toMatchObject({
      name: "Renamed",
      defaultModel: "m",
      baseUrl: "http://localhost:11434/v1",
      updatedAt: 5,
    });
    expect(await q.updateProviderConfig(db, "p-missing", { name: "x" }, 6)).toBeUndefined();
    // The prepared list sees writes made after it was prepared.
    expect((await q.listProviderConfigs(db)).find((r) => r.id === "p-a")?.name).toBe("Renamed");

    expect(await q.deleteProviderConfig(db, "p-a")).toBe(true);
    expect(await q.deleteProviderConfig(db, "p-a")).toBe(false);
    expect((await q.listProviderConfigs(db)).map((r) => r.id)).toEqual(["p-c", "p-b"]);
  });

  it("creates a preset's key row once and replaces its key after", async () => {
    const first = await q.upsertPresetKey(
      db,
      "aimlapi",
      { apiKeyEncrypted: "v1.a.b.c", apiKeyHint: "ABCD" },
      10,
    );
    expect(first).toMatchObject({
      kind: "preset",
      apiKeyHint: "ABCD",
      createdAt: 10,
      updatedAt: 10,
      name: null,
    });
    const second = await q.upsertPresetKey(
      db,
      "aimlapi",
      { apiKeyEncrypted: "v1.d.e.f", apiKeyHint: null },
      20,
    );
    expect(second).toMatchObject({
      apiKeyEncrypted: "v1.d.e.f",
      apiKeyHint: null,
      createdAt: 10,
      updatedAt: 20,
    });
    expect(await q.listProviderConfigs(db)).toHaveLength(1);
    expect((await q.getProviderConfig(db, "aimlapi"))?.apiKeyEncrypted).toBe("v1.d.e.f");
  });
});
