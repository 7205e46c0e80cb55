import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/params";
import {
  columnNames,
  describeDifferences,
  ignoredVariations,
  ignoredWarning,
  providersDiffer,
} from "./differences";

describe("differences from column 1", () => {
  const base = {
    providerId: "offline" as const,
    modelId: "offline/ngram",
    params: { temperature: 0.7, seed: 1 },
  };

  it("names each changed parameter with this column's value, unset ones included", () => {
    const d = describeDifferences(base, { ...base, params: { temperature: 1.4, stop: ["\n"] } });
    expect(d.map((x) => x.label)).toEqual(["temperature 1.4", 'stop sequences "\\n"', "seed unset"]);
    expect(describeDifferences(base, { ...base })).toEqual([]);
  });

  it("names another model and another system prompt", () => {
    const d = describeDifferences(base, {
      providerId: "deepseek",
      modelId: "deepseek-reasoner",
      params: { ...base.params, system: "Be terse." },
    });
    expect(d.map((x) => x.key)).toEqual(["model", "system"]);
  });

  it("names the provider when the same model id is served by another one", () => {
    const names: Record<string, string> = { aimlapi: "AI/ML API", atlascloud: "Atlas Cloud" };
    const name = (id: string) => names[id] ?? id;
    const aiml = { providerId: "aimlapi" as const, modelId: "deepseek-v3.2-speciale", params: {} };
    const atlas = { ...aiml, providerId: "atlascloud" as const };
    expect(describeDifferences(aiml, atlas, name)).toEqual([{ key: "provider", label: "Atlas Cloud" }]);
    // another model on another provider: the model, with its provider
    expect(describeDifferences(aiml, { ...atlas, modelId: "other" }, name)).toEqual([
      { key: "model", label: "other (Atlas Cloud)" },
    ]);
    // another model on the same provider: the model alone
    expect(describeDifferences(aiml, { ...aiml, modelId: "other" }, name)).toEqual([
      { key: "model", label: "other" },
    ]);
    // without names, the provider id
    expect(describeDifferences(aiml, atlas)).toEqual([{ key: "provider", label: "atlascloud" }]);
  });

  it("tells whether the columns use more than one provider", () => {
    expect(providersDiffer([{ providerId: "aimlapi" }, { providerId: "aimlapi" }])).toBe(false);
    expect(providersDiffer([{ providerId: "aimlapi" }, { providerId: "atlascloud" }])).toBe(true);
  });

  it("warns about varied parameters the model ignores", () => {
    const limits = { ...DEFAULT_LIMITS, ignored: ["temperature" as const, "topP" as const] };
    const d = describeDifferences(base, { ...base, params: { temperature: 1.4, topP: 0.5, seed: 1 } });
    const keys = ignoredVariations(d, limits);
    expect(keys).toEqual(["temperature", "topP"]);
    expect(ignoredWarning("deepseek-reasoner", keys)).toBe(
      "deepseek-reasoner ignores temperature and top_p: differences are sampling noise, not a parameter effect.",
    );
    expect(ignoredWarning("Atlas Cloud speciale", ["temperature"], Date.UTC(2026, 10, 29, 23))).toBe(
      "Atlas Cloud speciale appears to ignore temperature (tested 2026-11-29): differences are sampling noise, not a parameter effect.",
    );
  });
});

describe("columnNames", () => {
  const base = {
    providerId: "offline" as const,
    modelId: "offline/ngram",
    params: { temperature: 0, seed: 42 },
  };
  it("names every column, column 1 included, by its values of what varies", () => {
    const cols = [
      base,
      { ...base, params: { temperature: 1.4, seed: 42 } },
      { ...base, params: { temperature: 0 } },
    ];
    expect(columnNames(cols)).toEqual([
      "temperature 0, seed 42",
      "temperature 1.4, seed 42",
      "temperature 0, seed unset",
    ]);
  });
  it("names the model, and is empty when nothing varies", () => {
    expect(columnNames([base, { ...base, modelId: "other" }])).toEqual(["offline/ngram", "other"]);
    expect(columnNames([base, base])).toEqual(["", ""]);
    expect(columnNames([])).toEqual([]);
  });
});
