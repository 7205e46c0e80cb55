/*
 * Most stored answers and reasoning are prose. A text in which no character or line can start Markdown
 * (GFM, math) syntax renders as nothing but paragraphs of its own lines, so it can be shown without
 * downloading the Markdown renderer (components/chat/lazy-markdown.tsx). Deliberately conservative:
 * anything that might be syntax sends the text to the real renderer.
 */

// Emphasis, code, links and images, raw HTML and entities, escapes, tables, strikethrough, math,
// headings, and carriage returns (left to the parser's own line handling).
const INLINE_SYNTAX = /[*_`[\]<>&\\|~$#\r]/;
// GFM makes links of bare URLs and e-mail addresses.
const AUTOLINK = /:\/\/|www\.|@/i;
// A line that may open a block: list items, setext underlines and thematic breaks (-, +, =, 1. or 1)),
// indented code, and a hard line break (two spaces before a line end; spaces and tabs, to be safe).
const BLOCK_SYNTAX = /^[ \t]*(?:[-+=]|\d+[.)])|^(?: {4}|[ ]{0,3}\t)|[ \t]{2,}\n/m;

/**
 * The paragraphs a plain text renders as (lines trimmed, as the Markdown parser trims them), or null when
 * the text may contain Markdown syntax.
 */
export function plainParagraphs(text: string): string[] | null {
  if (INLINE_SYNTAX.test(text) || AUTOLINK.test(text) || BLOCK_SYNTAX.test(text)) return null;
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of `${text}\n`.split("\n")) {
    // The parser strips spaces and tabs (not other white space) around each line of a paragraph.
    const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, "");
    if (trimmed) lines.push(trimmed);
    else if (lines.length) {
      paragraphs.push(lines.join("\n"));
      lines = [];
    }
  }
  return paragraphs;
}
