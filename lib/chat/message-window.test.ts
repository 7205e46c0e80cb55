import { describe, expect, it } from "vitest";
import { latestWithin } from "./message-window";

const len = (s: string) => s.length;

describe("latestWithin", () => {
  it("keeps every row that fits", () => {
    expect(latestWithin(["aa", "bb", "cc"], len, 10)).toEqual(["aa", "bb", "cc"]);
  });

  it("drops the oldest rows beyond the budget", () => {
    expect(latestWithin(["aaaa", "bbbb", "cccc"], len, 9)).toEqual(["bbbb", "cccc"]);
  });

  it("keeps at least the minimum, however long", () => {
    expect(latestWithin(["a", "x".repeat(50), "y".repeat(50)], len, 10)).toEqual([
      "x".repeat(50),
      "y".repeat(50),
    ]);
    expect(latestWithin(["only"], len, 1)).toEqual(["only"]);
  });

  it("handles an empty list", () => {
    expect(latestWithin([], len, 10)).toEqual([]);
  });
});
