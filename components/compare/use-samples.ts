"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { clampSamples, drawSamples, type SamplingProgress } from "@/lib/compare/samples";
import type { ColumnHandle } from "./compare-column";
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

interface Run {
  cancelled: boolean;
  /** columns whose remaining samples were stopped */
  stoppedColumns: Set<string>;
  /** waits for a Retry-After, ended early by Stop all */
  wake: Set<() => void>;
}

/** A wait that Stop all ends early. */
function pause(ms: number, run: Run): Promise<void> {
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

/**
 * Repeated samples: how many answers each column draws per message (saved per comparison in this browser:
 * a column without its own count takes column 1's), and the run after a send (lib/compare/samples.ts
 * drawSamples: each sample after the first a regenerate of its column, kept as a version).
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

  /**
   * Send `text` to every column, drawing each column's samples. With one sample everywhere, every column
   * sends at once, as without samples.
   */
  const draw = useCallback(
    async (text: string, handles: ReadonlyMap<string, ColumnHandle>) => {
      const plan = columns.map((c) => ({
        id: c.id,
        providerId: c.selection.providerId,
        samples: samplesOf(c.id),
      }));
      if (plan.every((c) => c.samples === 1)) {
        for (const c of columns) handles.get(c.id)?.submit(text);
        return;
      }
      const current: Run = { cancelled: false, stoppedColumns: new Set(), wake: new Set() };
      run.current = current;
      await drawSamples(plan, {
        sample: (id, index) =>
          handles.get(id)?.sample(index === 0 ? { kind: "submit", text } : { kind: "regenerate" }) ??
          Promise.resolve({ kind: "error" }),
        stopped: (id) => current.cancelled || current.stoppedColumns.has(id),
        wait: (ms) => pause(ms, current),
        progress: (id, p) =>
          setProgress((prev) => {
            const next = new Map(prev);
            if (p) next.set(id, p);
            else next.delete(id);
            return next;
          }),
      });
      if (run.current === current) run.current = null;
    },
    [columns, samplesOf],
  );

  /** Stop the remaining samples of every column (Stop all) or of one (its Stop). */
  const stopSamples = useCallback((columnId?: string) => {
    const current = run.current;
    if (!current) return;
    if (columnId) {
      current.stoppedColumns.add(columnId);
      return;
    }
    current.cancelled = true;
    for (const wake of [...current.wake]) wake();
  }, []);

  return { samplesOf, setSamples, draw, stopSamples, progress, sampling: progress.size > 0 };
}
