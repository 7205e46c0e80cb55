/** Messages a conversation page renders at first; earlier ones load as the reader scrolls up. */
export const OPENING_MESSAGES = 12;
/** Messages per page when scrolling up. */
export const EARLIER_PAGE_SIZE = 20;
/** Text (answer and reasoning) the opening may hold: a few long answers weigh as much as many short ones. */
export const OPENING_CHARS = 40_000;
/**
 * A page opened at a message (a search result) holds everything after it, up to this many messages; past
 * that it shows OPENING_MESSAGES from the message on, read-only, with a way to the latest ones.
 */
export const OPEN_AT_MAX_MESSAGES = 100;

/**
 * The latest rows (oldest first) whose text fits `maxChars`, keeping at least `min` whatever their size
 * (the last question and its answer).
 */
export function latestWithin<T>(rows: T[], size: (row: T) => number, maxChars: number, min = 2): T[] {
  let total = 0;
  let start = rows.length;
  while (start > 0) {
    total += size(rows[start - 1]);
    if (total > maxChars && rows.length - start >= min) break;
    start--;
  }
  return rows.slice(start);
}
