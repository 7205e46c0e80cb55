import { describe, expect, it } from "vitest";
import { MARK_END, MARK_START, parseSnippet } from "./snippet";

const m = (s: string) => s.replaceAll("[", MARK_START).replaceAll("]", MARK_END);

describe("parseSnippet", () => {
  it("splits marked text into plain and highlighted parts", () => {
    expect(parseSnippet(m("…the [whale] sang [to] [the] sea…"))).toEqual([
      { text: "…the ", mark: false },
      { text: "whale", mark: true },
      { text: " sang ", mark: false },
      { text: "to", mark: true },
      { text: " ", mark: false },
      { text: "the", mark: true },
      { text: " sea…", mark: false },
    ]);
  });

  it("passes text with no marker through, and markup as text", () => {
    expect(parseSnippet('<img src=x onerror="alert(1)"> & <b>')).toEqual([
      { text: '<img src=x onerror="alert(1)"> & <b>', mark: false },
    ]);
    expect(parseSnippet("")).toEqual([]);
  });

  it("survives stray markers in stored text: never shows them, never throws", () => {
    expect(parseSnippet(m("a ] b [c"))).toEqual([
      { text: "a  b ", mark: false },
      { text: "c", mark: true },
    ]);
    expect(parseSnippet(m("[[x]]"))).toEqual([{ text: "x", mark: true }]);
  });
});
