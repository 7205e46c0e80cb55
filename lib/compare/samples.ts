/*
 * Repeated samples (issue 11): how many requests a send makes, when it needs the user's go-ahead, and the
 * per-provider bound on how many of them run at once. Pure (the limiter holds only promises), unit-tested.
 */

export const MIN_SAMPLES = 1;
export const MAX_SAMPLES = 10;
/** A send making more requests than this asks first. */
export const CONFIRM_ABOVE_REQUESTS = 10;
/** At most this many turns of one provider run at once while samples are drawn (the server caps at 16). */
const SAMPLES_PER_PROVIDER = 3;
/** A 429 without a usable Retry-After is tried again after this long. */
export const DEFAULT_RETRY_MS = 2000;
/** …and a sample refused this many times in a row is given up. */
export const MAX_BUSY_RETRIES = 30;

/** A sample count from user input or storage, clamped to 1–10 (anything unreadable is 1). */
export function clampSamples(v: unknown): number {
  const n = typeof v === "number" ? v : Number.parseInt(String(v), 10);
  if (!Number.isFinite(n)) return MIN_SAMPLES;
  return Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.trunc(n)));
}

/** How many requests one send makes: one per sample per column. */
export const requestCount = (samples: readonly number[]): number => samples.reduce((a, n) => a + n, 0);

/** Retry-After (seconds, or an HTTP date) as a wait in ms; the default when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number {
  if (!header) return DEFAULT_RETRY_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(250, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(250, at - now);
}

/** Runs at most `max` tasks at once per key (a provider); the others wait their turn, first come first served. */
export class KeyedLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly max: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** how many tasks of `key` run now */
  active(key: string): number {
    return this.running.get(key) ?? 0;
  }

  private acquire(key: string): Promise<void> {
    const n = this.running.get(key) ?? 0;
    if (n < this.max) {
      this.running.set(key, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      // The slot passes straight to the next waiter: the running count stays as it is.
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) next();
    else this.running.set(key, (this.running.get(key) ?? 1) - 1);
  }
}

/** How one sample's turn ended: `busy` is the server's 429 (nothing stored; try again after the wait). */
export type SampleOutcome = { kind: "done" | "error" | "stopped" } | { kind: "busy"; retryAfterMs: number };

/** Where a column is in drawing its samples of the last message. */
export interface SamplingProgress {
  /** the sample being drawn, 1-based */
  current: number;
  total: number;
  /** the server is at its limit of answers at once: the sample waits to be tried again */
  waiting?: boolean;
}

export interface SampleRunColumn {
  id: string;
  providerId: string;
  samples: number;
}

export interface SampleRunHooks {
  /** draw sample `index` (0: the send, then regenerates) of a column; resolves when its turn ended */
  sample: (columnId: string, index: number) => Promise<SampleOutcome>;
  /** whether the column's remaining samples were stopped (Stop all, or its own Stop) */
  stopped: (columnId: string) => boolean;
  /** wait before a refused sample is tried again (may end early when stopped) */
  wait: (ms: number) => Promise<void>;
  progress: (columnId: string, progress: SamplingProgress | undefined) => void;
}

/**
 * Draw every column's samples: a column's one after another (the next starts when the previous answer
 * ended), columns in parallel with at most `perProvider` turns of one provider at once. A 429 waits its
 * Retry-After and tries the same sample again; an error or a stop ends the column's run. Resolves with how
 * many samples each column completed.
 */
export async function drawSamples(
  columns: readonly SampleRunColumn[],
  hooks: SampleRunHooks,
  perProvider = SAMPLES_PER_PROVIDER,
): Promise<Map<string, number>> {
  const limiter = new KeyedLimiter(perProvider);
  const done = new Map<string, number>();
  const attempt = async (c: SampleRunColumn, index: number): Promise<SampleOutcome["kind"]> => {
    const at = { current: index + 1, total: c.samples };
    for (let tries = 0; tries <= MAX_BUSY_RETRIES; tries++) {
      if (hooks.stopped(c.id)) return "stopped";
      hooks.progress(c.id, at);
      const outcome = await hooks.sample(c.id, index);
      if (outcome.kind !== "busy") return outcome.kind;
      hooks.progress(c.id, { ...at, waiting: true });
      await hooks.wait(outcome.retryAfterMs);
    }
    return "error";
  };
  await Promise.all(
    columns.map(async (c) => {
      done.set(c.id, 0);
      for (let index = 0; index < c.samples; index++) {
        const outcome = await limiter.run(c.providerId, () => attempt(c, index));
        if (outcome !== "done") break;
        done.set(c.id, index + 1);
      }
      hooks.progress(c.id, undefined);
    }),
  );
  return done;
}
