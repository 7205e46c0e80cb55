import remend from "remend";
import { parseMarkdownIntoBlocks } from "streamdown";
import { describe, expect, it } from "vitest";
import { createBlockParser } from "./blocks";
import { normalizeLatexDelimiters } from "./latex-delimiters";

const SECTION = (i: number) =>
  [
    `## Section ${i}`,
    "",
    `Prose with $x_${i}$ and \\(a^${i}\\) inline, **bold** and \`code\`.`,
    "",
    "- one",
    "- two",
    "",
    "```ts",
    `const x = ${i};`,
    "```",
    "",
    "| a | b |",
    "| - | - |",
    `| ${i} | 2 |`,
    "",
    "\\[",
    `\\int_0^${i} x \\, dx`,
    "\\]",
    "",
  ].join("\n");

const DOC = Array.from({ length: 12 }, (_, i) => SECTION(i)).join("\n");

/** The whole text at once: Streamdown's split, the last block completed, delimiters rewritten per block. */
const whole = (md: string) => {
  const blocks = parseMarkdownIntoBlocks(md);
  if (blocks.length > 0) blocks.push(remend(blocks.pop() as string));
  return blocks.map(normalizeLatexDelimiters);
};

describe("createBlockParser", () => {
  it("gives the same blocks as a whole-text parse at every step of a stream", () => {
    const parse = createBlockParser();
    for (let end = 7; end < DOC.length; end += 37) {
      expect(parse(DOC.slice(0, end))).toEqual(whole(DOC.slice(0, end)));
    }
    expect(parse(DOC)).toEqual(whole(DOC));
    expect(parse(DOC).join("")).toContain("$$\n\\int_0^11 x \\, dx\n$$");
    expect(parse(DOC).join("")).toContain("$a^3$");
  });

  it("completes a half-written last block as remend does the whole text", () => {
    const parse = createBlockParser();
    for (const cut of ["**bold wor", "[a link](https://exa", "```ts\nconst a = 1;\n", "$$\nx^2"]) {
      const md = `${DOC}${cut}`;
      expect(parse(md).join("")).toBe(normalizeLatexDelimiters(remend(md)));
    }
  });

  it("splits only the tail once earlier blocks are settled", () => {
    const seen: string[] = [];
    const parse = createBlockParser((md) => {
      seen.push(md);
      return parseMarkdownIntoBlocks(md);
    });
    parse(DOC.slice(0, DOC.length - 200));
    parse(DOC);
    expect(seen[1].length).toBeLessThan(400);
  });

  it("starts over when the text is replaced rather than extended", () => {
    const parse = createBlockParser();
    parse(DOC);
    const other = SECTION(99);
    expect(parse(other)).toEqual(whole(other));
  });

  it("keeps footnotes and link definitions in one block with what they refer to", () => {
    const parse = createBlockParser();
    const md = `${DOC}See [the docs][d] and a note[^1].\n\n[d]: https://example.com\n\n[^1]: The note.\n`;
    expect(parse(md)).toEqual(whole(md));
    expect(parse(md)).toHaveLength(1);
  });
});
