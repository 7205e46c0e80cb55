import { getHeapStatistics } from "node:v8";

/**
 * Gives the memory of a burst of answers back once the server has gone quiet.
 *
 * V8 shrinks its heap after a busy spell in a memory-reducing collection, which its memory reducer starts a
 * few seconds after a full collection once allocation has dropped. After its first run the reducer is started
 * again only by a full collection that finds the old generation at least 10 MB and 10% larger than at its last
 * run. Twenty streamed answers allocate fast but keep little: the young generation grows to 16 MB (1 MB idle)
 * and fills with garbage, the old generation grows less than that mark, and an idle server allocates too little
 * to cause any collection, so the heap stayed ~23 MB over its idle size for as long as the server stayed idle
 * (README "Performance"). Nothing was retained: a forced collection gave it all back.
 *
 * So once no turn has run for `quietMs` and at least `minFreeBytes` of the heap is committed but unused, this
 * runs the collection the reducer would have: once per quiet spell, never while a turn streams. Its cost is
 * one pause of the event loop, 110-145 ms measured (two collections of a ~45 MB heap, on a loaded 2-core
 * machine), which a request arriving at that moment waits for.
 */
export interface IdleCollectorOptions {
  /** how long without a running turn before collecting */
  quietMs: number;
  /** committed but unused heap from which a collection is worth its pause */
  minFreeBytes: number;
  heap: () => { total: number; used: number };
  collect: () => void;
}

export class IdleCollector {
  readonly #o: IdleCollectorOptions;
  #held = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: IdleCollectorOptions) {
    this.#o = options;
  }

  /** Marks a turn running until the returned function is called. */
  hold(): () => void {
    this.#held++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held--;
      if (this.#held > 0) return;
      this.#timer = setTimeout(() => this.#quiet(), this.#o.quietMs);
      // Never what keeps the process alive.
      this.#timer.unref?.();
    };
  }

  #quiet(): void {
    this.#timer = undefined;
    const { total, used } = this.#o.heap();
    if (total - used >= this.#o.minFreeBytes) this.#o.collect();
  }
}

/** V8's gc() with options; exposed when Node runs with --expose-gc (npm start: lib/cli/start.mjs). */
type Gc = (options: { type: "major"; execution: "async"; flavor: "last-resort" }) => Promise<void>;

const QUIET_MS = 10_000;
const MIN_FREE_BYTES = 10 * 1024 * 1024;

// One per process, kept on globalThis so that route modules bundled apart share it.
const key = Symbol.for("speciale.idleCollector");

/** The process's collector; undefined when gc() is not exposed (next dev, next start run directly, tests). */
export function idleCollector(): IdleCollector | undefined {
  const g = globalThis as { [key]?: IdleCollector | null; gc?: Gc };
  if (g[key] === undefined) {
    const gc = g.gc;
    g[key] = gc
      ? new IdleCollector({
          quietMs: QUIET_MS,
          minFreeBytes: MIN_FREE_BYTES,
          heap: () => {
            const s = getHeapStatistics();
            return { total: s.total_heap_size, used: s.used_heap_size };
          },
          // "last-resort": the memory-reducing kind (the young generation shrunk, freed pages returned), as
          // the reducer's; "async": run from the event loop, not inside this timer callback.
          collect: () => void gc({ type: "major", execution: "async", flavor: "last-resort" }),
        })
      : null;
  }
  return g[key] ?? undefined;
}
