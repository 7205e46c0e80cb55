import { describe, expect, it } from "vitest";
import {
  distinct2,
  finishReasonCounts,
  formatSpread,
  meanPairwiseDistance,
  spread,
  summarizeSamples,
  wordDistance,
  words,
} from "./statistics";

describe("spread", () => {
  it("gives the mean, the sample standard deviation and the range", () => {
    const s = spread([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s?.mean).toBe(5);
    expect(s?.sd).toBeCloseTo(2.138, 3);
    expect([s?.min, s?.max, s?.n]).toEqual([2, 9, 8]);
  });
  it("is zero for identical values and for one value", () => {
    expect(spread([12, 12, 12])).toEqual({ n: 3, mean: 12, sd: 0, min: 12, max: 12 });
    expect(spread([7])).toEqual({ n: 1, mean: 7, sd: 0, min: 7, max: 7 });
  });
  it("skips samples that did not report the metric, and is undefined when none did", () => {
    expect(spread([undefined, 3, Number.NaN, 5])?.mean).toBe(4);
    expect(spread([undefined])).toBeUndefined();
    expect(spread([])).toBeUndefined();
  });
});

describe("words and distances", () => {
  it("lower-cases and strips punctuation around words", () => {
    expect(words("The Sea, the tides — and “moon”!")).toEqual(["the", "sea", "the", "tides", "and", "moon"]);
  });
  it("is 0 for the same word set, 1 for disjoint ones, Jaccard between", () => {
    expect(wordDistance(["a", "b"], ["b", "a", "a"])).toBe(0);
    expect(wordDistance(["a"], ["b"])).toBe(1);
    expect(wordDistance(["a", "b", "c"], ["b", "c", "d"])).toBeCloseTo(0.5);
    expect(wordDistance([], [])).toBe(0);
    expect(wordDistance([], ["a"])).toBe(1);
  });
  it("averages over every pair, and is undefined under two texts", () => {
    expect(meanPairwiseDistance(["a b", "a b", "c d"])).toBeCloseTo((0 + 1 + 1) / 3);
    expect(meanPairwiseDistance(["same text", "same text"])).toBe(0);
    expect(meanPairwiseDistance(["only one"])).toBeUndefined();
    expect(meanPairwiseDistance([])).toBeUndefined();
  });
});

describe("distinct2", () => {
  it("is 1 when no bigram repeats and falls with repetition", () => {
    expect(distinct2(["a b c d"])).toBe(1);
    expect(distinct2(["a b c", "a b c"])).toBe(0.5);
    expect(distinct2(["a b", "a b", "a b", "a b"])).toBe(0.25);
  });
  it("does not join the last word of one text to the first of the next", () => {
    expect(distinct2(["a b", "b a"])).toBe(1);
  });
  it("is undefined without a bigram", () => {
    expect(distinct2(["one", ""])).toBeUndefined();
    expect(distinct2([])).toBeUndefined();
  });
});

describe("summarizeSamples", () => {
  it("has zero spread and distance for identical samples", () => {
    const s = summarizeSamples([
      { text: "The tide rises twice a day.", reasoningTokens: 40, finishReason: "stop" },
      { text: "The tide rises twice a day.", reasoningTokens: 40, finishReason: "stop" },
      { text: "The tide rises twice a day.", reasoningTokens: 40, finishReason: "stop" },
    ]);
    expect(s.count).toBe(3);
    expect(s.words).toEqual({ n: 3, mean: 6, sd: 0, min: 6, max: 6 });
    expect(s.reasoningTokens?.sd).toBe(0);
    expect(s.distance).toBe(0);
    expect(s.distinct2).toBeCloseTo(1 / 3);
    expect(s.finishReasons).toEqual([["stop", 3]]);
  });
  it("counts finish reasons, the most frequent first, missing ones as unknown", () => {
    expect(finishReasonCounts(["length", "stop", "stop", undefined])).toEqual([
      ["stop", 2],
      ["length", 1],
      ["unknown", 1],
    ]);
  });
  it("handles no samples and one sample", () => {
    const none = summarizeSamples([]);
    expect([none.count, none.words, none.distance, none.distinct2]).toEqual([
      0,
      undefined,
      undefined,
      undefined,
    ]);
    const one = summarizeSamples([{ text: "just one answer", tokensPerSecond: 30, firstAnswerMs: 900 }]);
    expect(one.words?.mean).toBe(3);
    expect(one.tokensPerSecond?.sd).toBe(0);
    expect(one.distance).toBeUndefined();
  });
});

describe("formatSpread", () => {
  it("shows mean ± sd, with the range when values differ", () => {
    expect(formatSpread(spread([10, 10]))).toBe("10 ± 0");
    expect(formatSpread(spread([1, 2, 3]))).toBe("2 ± 1 (1–3)");
    expect(formatSpread(undefined)).toBe("—");
  });
});
