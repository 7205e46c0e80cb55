import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { plainParagraphs } from "./plain-text";

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

// The parser Streamdown runs (remark with GFM, and math once a text needs it).
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

/** The paragraphs' texts when the Markdown parser sees only paragraphs of text, else null. */
function parsedParagraphs(text: string): string[] | null {
  const root = parser.runSync(parser.parse(text)) as Node;
  const paragraphs: string[] = [];
  for (const block of root.children ?? []) {
    if (block.type !== "paragraph") return null;
    if (!block.children?.every((inline) => inline.type === "text")) return null;
    paragraphs.push(block.children.map((inline) => inline.value).join(""));
  }
  return paragraphs;
}

const PLAIN = [
  'Fake answer: you said "Just plain words, please.".',
  "One paragraph.\n\nAnother one, after a blank line.",
  "  Indented by two.\nA second line of the same paragraph, \nand a third with a trailing space ",
  "Paragraphs\n\n\n\nseparated by several blank lines\n \nand one of a space.",
  "Numbers inside a line: 1. or 2) are fine, so are 3.14 and -5 and +7 and a = b.",
  "Question? Exclamation! Colon: semicolon; comma, (parentheses) and 'quotes'.",
  "Unicode — em dash, “curly quotes”, café, 日本語のテキスト, emoji 🙂.",
  "",
  "\n\n",
];

const NOT_PLAIN = [
  "Some **bold** text",
  "an _emphasis_",
  "inline `code`",
  "a [link](https://example.com)",
  "an ![image](x.png)",
  "raw <b>html</b>",
  "an &amp; entity",
  "an escaped \\* star",
  "| a | b |\n| - | - |\n| 1 | 2 |",
  "~~strike~~",
  "math $x^2$",
  "# Heading",
  "Setext\n===",
  "Setext\n---",
  "- item",
  "+ item",
  "* item",
  "1. item",
  "1) item",
  "    indented code",
  "\tindented code",
  "a hard  \nbreak",
  "see https://example.com",
  "see www.example.com",
  "mail someone@example.com",
  "windows\r\nline ends",
  "> quote",
];

describe("plainParagraphs", () => {
  it.each(PLAIN)("renders %j as the parser's paragraphs", (text) => {
    const paragraphs = plainParagraphs(text);
    expect(paragraphs).not.toBeNull();
    expect(paragraphs).toEqual(parsedParagraphs(text));
  });

  it.each(NOT_PLAIN)("leaves %j to the Markdown renderer", (text) => {
    expect(plainParagraphs(text)).toBeNull();
  });

  it("agrees with the parser on every line of a mixed document it calls plain", () => {
    const lines = [...PLAIN, ...NOT_PLAIN].flatMap((text) => text.split("\n"));
    for (let i = 0; i < lines.length; i++) {
      const text = `${lines[i]}\n${lines[(i * 7) % lines.length]}\n\n${lines[(i * 13) % lines.length]}`;
      const paragraphs = plainParagraphs(text);
      if (paragraphs) expect(paragraphs, JSON.stringify(text)).toEqual(parsedParagraphs(text));
    }
  });
});
