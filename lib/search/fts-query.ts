/** At most this many words of a query are searched: each one is a lookup in the index. */
export const MAX_QUERY_TERMS = 12;
/**
 * The last word is searched as a prefix from this length on. The index has no prefix index (it would double
 * its size and what each answer writes); a prefix of 2 or 3 letters merges the lists of hundreds of words
 * (35-45 ms over 10,000 conversations), one of 4 about as cheap as a word (2.5 ms).
 */
export const MIN_PREFIX_LENGTH = 4;

/**
 * Words as the index's tokenizer (unicode61) sees them: runs of letters, digits and combining marks
 * (`remove_diacritics` folds the marks away). Everything else separates words, so nothing a user types
 * reaches FTS5's query syntax (quotes, `*`, `-`, `:`, parentheses, AND/OR/NOT/NEAR).
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The FTS5 query for what a user typed: every word quoted (a phrase of one token; "AND" is a word, not an
 * operator), all of them required, and the last one a prefix while it is still being typed (no trailing
 * space or punctuation after it, MIN_PREFIX_LENGTH letters or more), so results follow the keystrokes. Undefined when there is no word to look for (only punctuation).
 */
export function toFtsQuery(input: string): string | undefined {
  const all = input.match(WORD) ?? [];
  const words = all.slice(0, MAX_QUERY_TERMS);
  if (!words.length) return undefined;
  const last = words.length - 1;
  const typing =
    all.length === words.length &&
    /[\p{L}\p{N}\p{M}]$/u.test(input) &&
    [...words[last]].length >= MIN_PREFIX_LENGTH;
  return words.map((w, i) => `"${w}"${typing && i === last ? "*" : ""}`).join(" ");
}
