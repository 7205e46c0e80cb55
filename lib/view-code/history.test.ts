import { describe, expect, it } from "vitest";
import { activeBranch, answerAncestors } from "./history";

const row = (id: string, parentId: string | null, seq: number, active = true) => ({
  id,
  parentId,
  seq,
  active,
  role: seq % 2 === 0 ? ("user" as const) : ("assistant" as const),
  content: id,
});

// u1 → a1 → u2 → a2 (active), with an earlier version of a2 (a2old) and an edited u2 (u2b → a2b) set aside
const rows = [
  row("u1", null, 0),
  row("a1", "u1", 1),
  row("u2b", "a1", 2, false),
  row("a2b", "u2b", 3, false),
  row("u2", "a1", 2),
  row("a2old", "u2", 3, false),
  row("a2", "u2", 3),
];

describe("the history an answer was generated from", () => {
  it("follows the answer's own branch, whichever version is shown", () => {
    expect(answerAncestors(rows, "a2")?.map((r) => r.id)).toEqual(["u1", "a1", "u2"]);
    expect(answerAncestors(rows, "a2old")?.map((r) => r.id)).toEqual(["u1", "a1", "u2"]);
    expect(answerAncestors(rows, "a2b")?.map((r) => r.id)).toEqual(["u1", "a1", "u2b"]);
    expect(answerAncestors(rows, "a1")?.map((r) => r.id)).toEqual(["u1"]);
  });

  it("is undefined for a broken chain and an unknown answer has no history", () => {
    expect(answerAncestors([row("a", "gone", 1)], "a")).toBeUndefined();
    expect(answerAncestors(rows, "nope")).toEqual([]);
  });

  it("a new message follows the branch shown", () => {
    expect(activeBranch([...rows].reverse()).map((r) => r.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });
});
