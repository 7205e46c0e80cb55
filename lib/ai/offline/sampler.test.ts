import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus, NgramModel } from "./ngram";
import { createRng, reasoningFrame, type SamplingParams, StopMatcher, sampleToken } from "./sampler";
import { PARAGRAPH, piece, tokenize } from "./tokenizer";

const params: SamplingParams = {
  temperature: 1,
  topP: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
  maxTokens: 100,
  stop: [],
};

describe("tokenizer", () => {
  it("splits words, punctuation and paragraphs and joins them back with natural spacing", () => {
    const text = "The sea's tides rise, twice a day (mostly).\n\nBread: flour, water and salt!";
    const tokens = tokenize(text);
    expect(tokens).toEqual([
      "The",
      "sea's",
      "tides",
      "rise",
      ",",
      "twice",
      "a",
      "day",
      "(",
      "mostly",
      ")",
      ".",
      PARAGRAPH,
      "Bread",
      ":",
      "flour",
      ",",
      "water",
      "and",
      "salt",
      "!",
    ]);
    expect(tokens.map((t, i) => piece(tokens[i - 1], t)).join("")).toBe(text);
  });
});

describe("sampleToken", () => {
  const logits = () => Float64Array.from([1, 3, 3, 0.5]);

  it("is greedy at temperature 0 and breaks ties toward the lowest id", () => {
    const rng = createRng(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleToken(logits(), new Int32Array(4), { ...params, temperature: 0 }, rng)).toBe(1);
    }
  });

  it("applies OpenAI's frequency and presence penalties to the logits", () => {
    const counts = Int32Array.from([0, 2, 0, 0]);
    const l = logits();
    sampleToken(
      l,
      counts,
      { ...params, temperature: 0, frequencyPenalty: 0.5, presencePenalty: 0.25 },
      createRng(1),
    );
    expect(Array.from(l)).toEqual([1, 3 - 2 * 0.5 - 0.25, 3, 0.5]);
  });

  it("samples softmax(logits / T) frequencies", () => {
    const rng = createRng(7);
    const hits = [0, 0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) hits[sampleToken(logits(), new Int32Array(4), params, rng)]++;
    const z = Math.exp(1) + 2 * Math.exp(3) + Math.exp(0.5);
    expect(hits[0] / n).toBeCloseTo(Math.exp(1) / z, 2);
    expect(hits[3] / n).toBeCloseTo(Math.exp(0.5) / z, 2);
  });

  it.each([0.5, 2])("scales logits by 1/T at temperature %s", (temperature) => {
    const rng = createRng(11);
    const hits = [0, 0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++)
      hits[sampleToken(logits(), new Int32Array(4), { ...params, temperature }, rng)]++;
    const weights = Array.from(logits(), (l) => Math.exp(l / temperature));
    const z = weights.reduce((s, w) => s + w, 0);
    expect(hits[0] / n).toBeCloseTo(weights[0] / z, 2);
    expect(hits[3] / n).toBeCloseTo(weights[3] / z, 2);
  });

  it("restricts sampling to the top_p nucleus", () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++)
      seen.add(sampleToken(logits(), new Int32Array(4), { ...params, topP: 0.8 }, rng));
    // tokens 1 and 2 hold ~0.9 of the mass, so 0 and 3 are outside a 0.8 nucleus
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it("gives the same stream for the same seed and a different one for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 8 }, createRng(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});

describe("StopMatcher", () => {
  it("cuts before a stop string split across pieces and never leaks part of it", () => {
    const m = new StopMatcher(["the sea"]);
    const out = ["Across", " the", " se", "a and"].map((p) => m.push(p));
    expect(out.map((o) => o.text).join("")).toBe("Across ");
    expect(out.at(-1)?.stopped).toBe(true);
  });

  it("releases held text when it turns out not to be a stop string", () => {
    const m = new StopMatcher(["the sea"]);
    expect(m.push("Across the").text).toBe("Across ");
    expect(m.push(" shore").text).toBe("the shore");
    expect(m.push(" the").text).toBe(" ");
    expect(m.flush()).toBe("the");
  });
});

describe("reasoning frame", () => {
  it("uses only words the model knows", () => {
    const model = new NgramModel(loadCorpus(path.join(process.cwd(), "lib/ai/offline/corpus")));
    const frames = [reasoningFrame([]), reasoningFrame([["whales"], ["black", "hole"], ["Moon"]])];
    for (const token of frames.flatMap((f) => [...f.opening, ...f.closing])) {
      expect(model.id(token), token).toBeDefined();
    }
  });
});
