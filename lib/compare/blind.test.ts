import { describe, expect, it } from "vitest";
import {
  answerForTurn,
  type BlindCandidate,
  blindLabel,
  currentOrder,
  paramSetKey,
  shuffledOrder,
  tallyVotes,
} from "./blind";

/** A seeded generator (mulberry32), so a shuffle can be checked for every order it produces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cand = (columnId: string, params: BlindCandidate["params"], modelId = "m"): BlindCandidate => ({
  columnId,
  messageId: `${columnId}-answer`,
  providerId: "offline",
  modelId,
  params,
});

describe("shuffledOrder", () => {
  it("is a permutation, and reaches every order of three columns about as often", () => {
    const random = seeded(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = shuffledOrder(["a", "b", "c"], random);
      expect([...order].sort()).toEqual(["a", "b", "c"]);
      counts.set(order.join(""), (counts.get(order.join("")) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it("does not change its input", () => {
    const ids = ["a", "b"];
    shuffledOrder(ids, () => 0);
    expect(ids).toEqual(["a", "b"]);
  });
});

describe("currentOrder (the stored permutation against the columns there are now)", () => {
  it("keeps the stored order while the columns stay", () => {
    expect(currentOrder(["c", "a", "b"], ["a", "b", "c"])).toEqual(["c", "a", "b"]);
  });

  it("drops a removed column and puts an added one last, the others keeping their places", () => {
    expect(currentOrder(["c", "a", "b"], ["a", "c", "d"])).toEqual(["c", "a", "d"]);
  });

  it("ignores a repeated id", () => {
    expect(currentOrder(["b", "b", "a"], ["a", "b"])).toEqual(["b", "a"]);
  });
});

describe("blindLabel", () => {
  it("names positions with letters", () => {
    expect([0, 1, 5].map(blindLabel)).toEqual(["Answer A", "Answer B", "Answer F"]);
  });
});

describe("answerForTurn", () => {
  const msgs = [
    { id: "u0", role: "user" as const },
    { id: "a0", role: "assistant" as const },
    { id: "u1", role: "user" as const },
    { id: "u2", role: "user" as const },
    { id: "a2", role: "assistant" as const },
  ];
  it("finds the answer that follows the n-th user message", () => {
    expect(answerForTurn(msgs, 0)?.id).toBe("a0");
    expect(answerForTurn(msgs, 2)?.id).toBe("a2");
  });
  it("has none for an unanswered message or past the end", () => {
    expect(answerForTurn(msgs, 1)).toBeUndefined();
    expect(answerForTurn(msgs, 3)).toBeUndefined();
  });
});

describe("tallyVotes", () => {
  const cold = { temperature: 0 };
  const hot = { temperature: 1.4 };

  it("adds up wins, losses and ties per parameter set across comparisons", () => {
    const { sets, counted } = tallyVotes([
      { winnerColumnId: "x1", candidates: [cand("x1", cold), cand("x2", hot)] },
      { winnerColumnId: "y2", candidates: [cand("y1", hot), cand("y2", cold)] },
      { winnerColumnId: null, candidates: [cand("z1", cold), cand("z2", hot)] },
      { winnerColumnId: "w1", candidates: [cand("w1", hot), cand("w2", cold)] },
    ]);
    expect(counted).toBe(4);
    expect(sets.map((s) => [s.summary.join(" · "), s.wins, s.losses, s.ties])).toEqual([
      ["temperature 0", 2, 1, 1],
      ["temperature 1.4", 1, 2, 1],
    ]);
  });

  it("treats unset and empty values as the same set (normalized), and the model as part of it", () => {
    const { sets } = tallyVotes([
      { winnerColumnId: "a", candidates: [cand("a", { system: "", stop: [] }), cand("b", {}, "other")] },
      { winnerColumnId: "d", candidates: [cand("c", {}, "other"), cand("d", {})] },
    ]);
    expect(sets.map((s) => [s.modelId, s.wins, s.losses])).toEqual([
      ["m", 2, 0],
      ["other", 0, 2],
    ]);
  });

  it("counts duplicated settings once per vote, and skips a vote between identical settings", () => {
    const { sets, counted } = tallyVotes([
      { winnerColumnId: "a", candidates: [cand("a", cold), cand("b", cold), cand("c", hot)] },
      { winnerColumnId: "b", candidates: [cand("a", hot), cand("b", hot)] },
    ]);
    expect(counted).toBe(1);
    expect(sets.map((s) => [s.summary[0], s.wins, s.losses, s.ties])).toEqual([
      ["temperature 0", 1, 0, 0],
      ["temperature 1.4", 0, 1, 0],
    ]);
  });

  it("names a system prompt in the summary", () => {
    const { sets } = tallyVotes([
      { winnerColumnId: null, candidates: [cand("a", { system: "Be  brief." }), cand("b", {})] },
    ]);
    expect(sets.map((s) => s.summary)).toEqual([['system "Be brief."'], []]);
  });

  it("keys parameter sets independently of key order", () => {
    expect(paramSetKey("p", "m", { temperature: 1, topP: 0.5 })).toBe(
      paramSetKey("p", "m", { topP: 0.5, temperature: 1 }),
    );
  });
});
