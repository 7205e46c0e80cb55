import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openTestAppDb } from "@/lib/testing/app-db";

await openTestAppDb("presets");
const presets = await import("./presets");
const { getDb } = await import("@/lib/db");

const status = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return e instanceof AppError ? { status: e.status, field: e.issues[0]?.field, message: e.message } : e;
  }
  return undefined;
};

describe("saved presets", () => {
  beforeAll(async () => {
    await presets.createPreset("alice", {
      name: "Mine",
      params: { temperature: 0.2, system: "Be terse.", stop: [] },
    });
  });

  it("are stored normalized and listed per owner", async () => {
    expect((await presets.listSavedPresets("alice")).map((p) => [p.name, p.params])).toEqual([
      ["Mine", { temperature: 0.2, system: "Be terse." }],
    ]);
    expect(await presets.listSavedPresets("bob")).toEqual([]);
  });

  it("refuse a duplicate or built-in name with a 409 naming the field", async () => {
    expect(await status(() => presets.createPreset("alice", { name: "Mine", params: {} }))).toEqual({
      status: 409,
      field: "name",
      message: 'A preset named "Mine" already exists',
    });
    expect(
      await status(() => presets.createPreset("alice", { name: "deterministic", params: {} })),
    ).toMatchObject({
      status: 409,
      field: "name",
    });
    // another owner may use the name
    expect((await presets.createPreset("bob", { name: "Mine", params: {} })).name).toBe("Mine");
  });

  it("rename, update and delete only the owner's own", async () => {
    const other = await presets.createPreset("alice", { name: "Other", params: {} });
    expect(await status(() => presets.updatePreset("alice", other.id, { name: "Mine" }))).toMatchObject({
      status: 409,
    });
    expect(await status(() => presets.updatePreset("bob", other.id, { name: "X" }))).toMatchObject({
      status: 404,
    });
    expect(
      await presets.updatePreset("alice", other.id, { name: "Renamed", params: { seed: 3 } }),
    ).toMatchObject({
      name: "Renamed",
      params: { seed: 3 },
    });
    expect(await status(() => presets.deletePreset("bob", other.id))).toMatchObject({ status: 404 });
    await presets.deletePreset("alice", other.id);
    expect((await presets.listSavedPresets("alice")).map((p) => p.name)).toEqual(["Mine"]);
  });

  it("an import adds new names, skips identical presets and never overwrites one", async () => {
    const added = await presets.importPresets(getDb(), "alice", [
      { name: "Mine", params: { system: "Be terse.", temperature: 0.2 } },
      { name: "Mine", params: { temperature: 1 } },
      { name: "Balanced", params: { temperature: 1 } },
      { name: "New", params: { topP: 0.5 } },
    ]);
    expect(added).toBe(3);
    expect((await presets.listSavedPresets("alice")).map((p) => [p.name, p.params])).toEqual([
      ["Balanced (imported)", { temperature: 1 }],
      ["Mine", { temperature: 0.2, system: "Be terse." }],
      ["Mine (imported)", { temperature: 1 }],
      ["New", { topP: 0.5 }],
    ]);
  });
});
