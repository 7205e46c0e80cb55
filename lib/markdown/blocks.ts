import remend from "remend";
import { parseMarkdownIntoBlocks } from "streamdown";
import { normalizeLatexDelimiters } from "./latex-delimiters";

/** Footnotes and link definitions tie blocks together: Streamdown renders such text as one block. */
const FOOTNOTE = /\[\^[\w-]{1,200}\]/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * A block splitter for one growing text (one Streamdown instance, given `parseIncompleteMarkdown={false}`),
 * so that an update costs the new tail, not the whole answer:
 * - blocks that appended text can no longer change (all but the last two, up to one ending in a blank
 *   line — Streamdown's own rule) are kept with their LaTeX delimiters already rewritten; only the rest
 *   is split and rewritten again. Streamdown's own incremental cache holds one text for the whole page
 *   (lost as soon as two texts stream at once, as compare columns do) and is keyed on the text after
 *   remend, whose closing markers change with every update;
 * - remend (which closes a half-written `**`, link or fence so that it renders as it will end) runs on
 *   the last block only: what it completes is at the end, and over a whole 100 kB answer it takes
 *   about 50 ms per update.
 */
export function createBlockParser(
  split: (markdown: string) => string[] = parseMarkdownIntoBlocks,
  complete: (markdown: string) => string = remend,
) {
  let settledInput = "";
  let settled: string[] = [];
  return (markdown: string): string[] => {
    if (FOOTNOTE.test(markdown) || LINK_DEFINITION.test(markdown)) {
      settledInput = "";
      settled = [];
      return withLastCompleted(split(markdown), complete).map(normalizeLatexDelimiters);
    }
    if (!markdown.startsWith(settledInput)) {
      settledInput = "";
      settled = [];
    }
    const tail = split(markdown.slice(settledInput.length));
    let stable = 0;
    for (let i = tail.length - 3; i >= 0; i--) {
      if (tail[i].endsWith("\n\n")) {
        stable = i + 1;
        break;
      }
    }
    if (stable > 0) {
      const done = tail.slice(0, stable);
      settledInput += done.join("");
      settled = settled.concat(done.map(normalizeLatexDelimiters));
    }
    return settled.concat(withLastCompleted(tail.slice(stable), complete).map(normalizeLatexDelimiters));
  };
}

function withLastCompleted(blocks: string[], complete: (markdown: string) => string): string[] {
  if (blocks.length === 0) return blocks;
  return [...blocks.slice(0, -1), complete(blocks[blocks.length - 1])];
}
