import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_TERMS, MIN_PREFIX_LENGTH, toFtsQuery } from "./fts-query";

describe("toFtsQuery", () => {
  it("quotes every word, all required, the last one a prefix while it is being typed", () => {
    expect(toFtsQuery("whale song")).toBe('"whale" "song"*');
    expect(toFtsQuery("whale song ")).toBe('"whale" "song"');
    expect(toFtsQuery("whale song.")).toBe('"whale" "song"');
  });

  it(`makes a prefix of the last word only from ${MIN_PREFIX_LENGTH} letters (a shorter one matches whole words)`, () => {
    expect(toFtsQuery("the cat")).toBe('"the" "cat"');
    expect(toFtsQuery("the cats")).toBe('"the" "cats"*');
    expect(toFtsQuery("東京都")).toBe('"東京都"');
    expect(toFtsQuery("東京都庁")).toBe('"東京都庁"*');
  });

  it("keeps FTS5 syntax out: quotes, stars, minus, colons, parentheses and operators are words or separators", () => {
    expect(toFtsQuery('say "hello')).toBe('"say" "hello"*');
    expect(toFtsQuery("a* -b c:d (e) ^f")).toBe('"a" "b" "c" "d" "e" "f"');
    expect(toFtsQuery("cats AND dogs OR NOT NEAR")).toBe('"cats" "AND" "dogs" "OR" "NOT" "NEAR"*');
    expect(toFtsQuery("content: secret")).toBe('"content" "secret"*');
  });

  it("keeps letters of every script and diacritics, and finds nothing in punctuation alone", () => {
    expect(toFtsQuery("café Москва 東京 naïve")).toBe('"café" "Москва" "東京" "naïve"*');
    expect(toFtsQuery('"*-:()^ ')).toBeUndefined();
    expect(toFtsQuery("")).toBeUndefined();
    expect(toFtsQuery("\uE000\uE001")).toBeUndefined();
  });

  it("searches at most MAX_QUERY_TERMS words, none of them a prefix when some were dropped", () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 3 }, (_, i) => `w${i}`);
    const q = toFtsQuery(words.join(" "));
    expect(q?.split(" ")).toHaveLength(MAX_QUERY_TERMS);
    expect(q?.endsWith('"')).toBe(true);
  });

  it("gives queries FTS5 accepts, for any input", () => {
    const db = new Database(":memory:");
    db.exec("create virtual table t using fts5(x, tokenize='unicode61 remove_diacritics 2')");
    db.exec("insert into t (x) values ('The café near the AND gate: \"quoted\" words')");
    const run = (input: string) => {
      const q = toFtsQuery(input);
      return q === undefined ? [] : db.prepare("select x from t where t match ?").all(q);
    };
    for (const input of [
      '"',
      '""',
      "*",
      "-x",
      "x:",
      "NEAR(",
      "AND",
      "OR OR",
      "a OR",
      "(",
      "^",
      "{x}",
      "x + y",
    ]) {
      expect(() => run(input), input).not.toThrow();
    }
    expect(run("cafe")).toHaveLength(1);
    expect(run("AND gate")).toHaveLength(1);
    expect(run('"quoted" word')).toHaveLength(1);
    expect(run("quoted word ")).toHaveLength(0);
    db.close();
  });
});
