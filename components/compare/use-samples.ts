"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { clampSamples, KeyedLimiter, MAX_BUSY_RETRIES, SAMPLES_PER_PROVIDER } from "@/lib/compare/samples";
import type { ColumnHandle, SampleOutcome, SamplingProgress } from "./compare-column";
import type { ColumnState } from "./use-comparison";

const storageKey = (comparisonId: string) => `speciale-playground:samples:${comparisonId}`;
/** the count a column without its own takes when column 1 has none either (a sweep's new comparison) */
const DEFAULT_KEY = "*";

function readStored(comparisonId: string): Record<string, number> {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(comparisonId)) ?? "{}") as unknown;
    if (!raw || typeof raw !== "object") return {};
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, clampSamples(v)]));
  } catch {
    return {};
  }
}

/** Give a comparison not opened yet (a sweep's new one) a sample count for all its columns. */
export function presetSamples(comparisonId: string, samples: number): void {
  try {
    localStorage.setItem(storageKey(comparisonId), JSON.stringify({ [DEFAULT_KEY]: clampSamples(samples) }));
  } catch {
    // Storage full or disabled: the new comparison draws one sample per column.
  }
}

/** A wait that ends early when the run is stopped. */
function pause(ms: number, run: { cancelled: boolean; wake: Set<() => void> }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      run.wake.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    run.wake.add(done);
  });
}

/** One sample of a column, tried again while the server answers 429. */
async function attempt(
  current: Run,
  id: string,
  handle: ColumnHandle,
  action: Parameters<ColumnHandle["sample"]>[0],
  at: SamplingProgress,
  report: (id: string, p: SamplingProgress) => void,
): Promise<SampleOutcome["kind"]> {
  for (let tries = 0; tries <= MAX_BUSY_RETRIES; tries++) {
    if (current.cancelled || current.stoppedColumns.has(id)) return "stopped";
    report(id, at);
    const outcome = await handle.sample(action);
    if (outcome.kind !== "busy") return outcome.kind;
    report(id, { ...at, waiting: true });
    await pause(outcome.retryAfterMs, current);
  }
  return "error";
}

interface Run {
  cancelled: boolean;
  /** columns whose remaining samples were stopped */
  stoppedColumns: Set<string>;
  wake: Set<() => void>;
}

/**
 * Repeated samples: how many answers each column draws per message (saved per comparison in this browser:
 * a column without its own count takes column 1's), and the run after a send — each column's samples one
 * after another (a regenerate once the previous answer ended, so each is stored as a version), columns in
 * parallel, at most SAMPLES_PER_PROVIDER turns of one provider at once; a 429 waits its Retry-After.
 */
export function useSamples(comparisonId: string, columns: ColumnState[]) {
  const [stored, setStored] = useState<Record<string, number>>({});
  useEffect(() => setStored(readStored(comparisonId)), [comparisonId]);
  const firstId = columns[0]?.id;
  const samplesOf = useCallback(
    (id: string) => stored[id] ?? (firstId ? stored[firstId] : undefined) ?? stored[DEFAULT_KEY] ?? 1,
    [stored, firstId],
  );

  const setSamples = useCallback(
    (id: string, samples: number) => {
      setStored((prev) => {
        const next = { ...prev, [id]: clampSamples(samples) };
        try {
          localStorage.setItem(storageKey(comparisonId), JSON.stringify(next));
        } catch {
          // Not saved: the count holds for this page only.
        }
        return next;
      });
    },
    [comparisonId],
  );

  const [progress, setProgress] = useState<ReadonlyMap<string, SamplingProgress>>(new Map());
  const run = useRef<Run | null>(null);
  const setColumnProgress = useCallback(
    (id: string, p: SamplingProgress | undefined) =>
      setProgress((prev) => {
        const next = new Map(prev);
        if (p) next.set(id, p);
        else next.delete(id);
        return next;
      }),
    [],
  );

  /**
   * Send `text` to every column, drawing each column's samples. With one sample everywhere, every column
   * sends at once, as without samples.
   */
  const draw = useCallback(
    async (text: string, handles: ReadonlyMap<string, ColumnHandle>) => {
      const counts = columns.map((c) => samplesOf(c.id));
      if (counts.every((n) => n === 1)) {
        for (const c of columns) handles.get(c.id)?.submit(text);
        return;
      }
      const current: Run = { cancelled: false, stoppedColumns: new Set(), wake: new Set() };
      run.current = current;
      const limiter = new KeyedLimiter(SAMPLES_PER_PROVIDER);
      await Promise.all(
        columns.map(async (c, i) => {
          const handle = handles.get(c.id);
          const total = counts[i] ?? 1;
          if (!handle) return;
          for (let k = 0; k < total; k++) {
            const action = k === 0 ? { kind: "submit" as const, text } : { kind: "regenerate" as const };
            const outcome = await limiter.run(c.selection.providerId, () =>
              attempt(current, c.id, handle, action, { current: k + 1, total }, setColumnProgress),
            );
            // A failed or stopped sample ends the column's run (its error shows with Retry).
            if (outcome !== "done") break;
          }
          setColumnProgress(c.id, undefined);
        }),
      );
      if (run.current === current) run.current = null;
    },
    [columns, samplesOf, setColumnProgress],
  );

  /** Stop the remaining samples of every column (Stop all) or of one (its Stop). */
  const stopSamples = useCallback((columnId?: string) => {
    const current = run.current;
    if (!current) return;
    if (columnId) current.stoppedColumns.add(columnId);
    else current.cancelled = true;
    if (!columnId) for (const wake of [...current.wake]) wake();
  }, []);

  return { samplesOf, setSamples, draw, stopSamples, progress, sampling: progress.size > 0 };
}
