import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, defaultParams, describeParams, normalizeParams, validateParams } from "./params";

const aiml = { ...DEFAULT_LIMITS, topPMin: 0.01, seedMin: 1, maxStop: 4 };

describe("generation parameter schema", () => {
  it("accepts every control at its bounds", () => {
    const r = validateParams({
      system: "be brief",
      temperature: 2,
      topP: 0,
      maxTokens: 1,
      frequencyPenalty: -2,
      presencePenalty: 2,
      stop: ["a", "b", "c", "d"],
      seed: 0,
    });
    expect(r.ok).toBe(true);
  });

  it.each([
    [{ temperature: 2.01 }, "temperature"],
    [{ temperature: -0.1 }, "temperature"],
    [{ topP: 1.5 }, "topP"],
    [{ maxTokens: 0 }, "maxTokens"],
    [{ maxTokens: 10.5 }, "maxTokens"],
    [{ frequencyPenalty: 3 }, "frequencyPenalty"],
    [{ presencePenalty: -2.5 }, "presencePenalty"],
    [{ stop: ["1", "2", "3", "4", "5"] }, "stop"],
    [{ stop: [""] }, "stop.0"],
    [{ seed: 1.5 }, "seed"],
    [{ temperature: "hot" }, "temperature"],
  ])("refuses %j naming %s", (input, field) => {
    const r = validateParams(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].field).toBe(field);
  });

  it("refuses unknown keys, naming them", () => {
    const r = validateParams({ temprature: 1 });
    expect(r).toMatchObject({ ok: false, issues: [{ field: "temprature" }] });
  });

  it("applies per-provider limits (AI/ML API: top_p >= 0.01, seed >= 1)", () => {
    expect(validateParams({ topP: 0 }, aiml)).toMatchObject({ ok: false, issues: [{ field: "topP" }] });
    expect(validateParams({ seed: 0 }, aiml)).toMatchObject({ ok: false, issues: [{ field: "seed" }] });
    expect(validateParams({ topP: 0.01, seed: 1 }, aiml).ok).toBe(true);
    expect(validateParams({ maxTokens: 9000 }, { ...DEFAULT_LIMITS, maxTokens: 8192 })).toMatchObject({
      ok: false,
      issues: [{ field: "maxTokens" }],
    });
  });

  it("defaults: temperature 0.7, max tokens 8192 clamped to the model, the rest unset", () => {
    expect(defaultParams()).toEqual({ temperature: 0.7, maxTokens: 8192 });
    expect(defaultParams({ ...DEFAULT_LIMITS, maxTokens: 4096 })).toEqual({
      temperature: 0.7,
      maxTokens: 4096,
    });
  });

  it("normalizes unset to absent", () => {
    expect(normalizeParams({ system: "", stop: [], temperature: 0, topP: undefined })).toEqual({
      temperature: 0,
    });
  });

  it("describes set parameters only", () => {
    expect(describeParams({ temperature: 0, stop: ["##"] })).toEqual([
      "temperature 0",
      'stop sequences "##"',
    ]);
  });
});
