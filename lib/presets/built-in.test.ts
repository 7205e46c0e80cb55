import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/params";
import { applyPreset, builtInPresets, isBuiltInName } from "./built-in";

const aiml = { ...DEFAULT_LIMITS, topPMin: 0.01, seedMin: 1, maxTokens: 131_072 };
const offline = { ...DEFAULT_LIMITS, maxTokens: 8192 };

describe("built-in presets", () => {
  it("are the four named ones, Deterministic with temperature 0 and a fixed seed", () => {
    const presets = builtInPresets(aiml);
    expect(presets.map((p) => p.name)).toEqual(["Deterministic", "Balanced", "Creative", "Long reasoning"]);
    expect(presets[0].params).toMatchObject({ temperature: 0, seed: 42 });
  });

  it("Long reasoning takes the selected model's max tokens limit", () => {
    expect(builtInPresets(aiml)[3].params.maxTokens).toBe(131_072);
    expect(builtInPresets(offline)[3].params.maxTokens).toBe(8192);
    expect(builtInPresets({ ...DEFAULT_LIMITS, maxTokens: 65_536 })[3].description).toContain("65,536");
  });

  it("fit every limit they were made for", () => {
    for (const limits of [aiml, offline, { ...DEFAULT_LIMITS, seedMin: 100, maxTokens: 512 }]) {
      for (const p of builtInPresets(limits)) {
        expect(applyPreset({}, { params: p.params, builtIn: true }, limits).ok, p.name).toBe(true);
      }
    }
  });

  it("a built-in keeps the system prompt and stop sequences; a saved preset replaces everything", () => {
    const current = { system: "Be terse.", stop: ["END"], temperature: 1.5, frequencyPenalty: 1 };
    const det = builtInPresets(offline)[0];
    expect(applyPreset(current, { params: det.params, builtIn: true }, offline)).toEqual({
      ok: true,
      params: { temperature: 0, maxTokens: 8192, seed: 42, system: "Be terse.", stop: ["END"] },
    });
    expect(applyPreset(current, { params: { temperature: 0.3 } }, offline)).toEqual({
      ok: true,
      params: { temperature: 0.3 },
    });
  });

  it("says why a model cannot take a preset, with the provider's limit", () => {
    const r = applyPreset({}, { params: { topP: 0, seed: 0, maxTokens: 200_000 } }, aiml);
    expect(r).toEqual({
      ok: false,
      reason:
        "Top P must be at least 0.01 for this provider; Max tokens must be at most 131072 for this model; Seed must be at least 1 for this provider",
    });
  });

  it("knows the built-in names whatever their case", () => {
    expect(isBuiltInName(" long REASONING ")).toBe(true);
    expect(isBuiltInName("Long reasoning 2")).toBe(false);
  });
});
