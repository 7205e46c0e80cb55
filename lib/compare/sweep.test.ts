import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/params";
import { sweepParams, sweepValues } from "./sweep";

describe("sweep values", () => {
  it("reads a list separated by commas or spaces", () => {
    expect(sweepValues("temperature", { mode: "list", text: "0, 0.7  1.4" })).toEqual({
      ok: true,
      values: [0, 0.7, 1.4],
    });
  });

  it("spreads a range over the given number of steps, ends included, at the control's precision", () => {
    expect(sweepValues("temperature", { mode: "range", from: "0", to: "1", steps: "4" })).toEqual({
      ok: true,
      values: [0, 0.33, 0.67, 1],
    });
    expect(sweepValues("maxTokens", { mode: "range", from: "64", to: "100", steps: "3" })).toEqual({
      ok: true,
      values: [64, 82, 100],
    });
  });

  it.each([
    [{ mode: "list", text: "0.5" }, /at least 2/],
    [{ mode: "list", text: "0 0.2 0.4 0.6 0.8 1 1.2" }, /At most 6/],
    [{ mode: "list", text: "0, warm" }, /"warm" is not a number/],
    [{ mode: "list", text: "0, 2.5" }, /Temperature must be at most 2/],
    [{ mode: "range", from: "0", to: "1", steps: "7" }, /between 2 and 6/],
    [{ mode: "range", from: "", to: "1", steps: "3" }, /From must be a number/],
  ] as const)("refuses %j", (input, error) => {
    const r = sweepValues("temperature", input);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toMatch(error);
  });

  it("checks the model's limits (AI/ML API wants seed >= 1)", () => {
    const r = sweepValues("seed", { mode: "list", text: "0 1" }, { ...DEFAULT_LIMITS, seedMin: 1 });
    expect(r.ok ? "" : r.error).toMatch(/Seed must be at least 1/);
  });

  it("changes only the swept parameter", () => {
    expect(sweepParams({ temperature: 0.7, seed: 3, maxTokens: 64 }, "temperature", [0, 1.5])).toEqual([
      { temperature: 0, seed: 3, maxTokens: 64 },
      { temperature: 1.5, seed: 3, maxTokens: 64 },
    ]);
  });
});
