/**
 * When a streaming answer's partial text is written to the database. Each flush rewrites the whole row (answer
 * and reasoning), so flushing every second wrote the answer over and over: 15× its size in WAL for a
 * 10,000-token answer at 500 tok/s, 300× for 20,000 tokens at 40 tok/s. Here a flush waits at least
 * FLUSH_MIN_INTERVAL_MS and until the unflushed text is FLUSH_GROWTH times what is already stored: each flush
 * is 4× the previous one, so all partial flushes together write at most 4/3 of the final size (1.5× with a
 * growth of 2, which left a 100 kB answer's turn at 3.6× in WAL against 3.0× now; README, Data and durability).
 * The first flush still comes a second in, so a crash early in a long answer keeps its beginning; later a crash
 * loses at most the unflushed three quarters (the answer is marked interrupted and offers Retry either way).
 */
export const FLUSH_MIN_INTERVAL_MS = 1000;
const FLUSH_GROWTH = 3;

export interface FlushState {
  now: number;
  lastFlushAt: number;
  /** characters (answer + reasoning) stored by the last flush */
  flushedChars: number;
  /** characters (answer + reasoning) received so far */
  totalChars: number;
}

export function shouldFlush({ now, lastFlushAt, flushedChars, totalChars }: FlushState): boolean {
  if (now - lastFlushAt < FLUSH_MIN_INTERVAL_MS) return false;
  const unflushed = totalChars - flushedChars;
  return unflushed > 0 && unflushed >= flushedChars * FLUSH_GROWTH;
}
