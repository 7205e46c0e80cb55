"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { Catalog } from "@/lib/ai/models";
import { columnNames } from "@/lib/compare/differences";
import {
  formatNumber,
  formatSpread,
  type SampleSummary,
  type Spread,
  summarizeSamples,
} from "@/lib/compare/statistics";
import { fetchAnswerSamples, toSampleInputs } from "./answer-samples";
import type { MetricSeries } from "./statistics-charts";
import type { ColumnState } from "./use-comparison";

// recharts is large: only a user who opens Statistics downloads it.
const StatisticsCharts = dynamic(() => import("./statistics-charts").then((m) => m.StatisticsCharts), {
  ssr: false,
  loading: () => <p className="text-muted-foreground text-xs">Loading the charts…</p>,
});

const seconds = (s: Spread | undefined): Spread | undefined =>
  s && { ...s, mean: s.mean / 1000, sd: s.sd / 1000, min: s.min / 1000, max: s.max / 1000 };
const single = (v: number | undefined): Spread | undefined =>
  v === undefined ? undefined : { n: 1, mean: v, sd: 0, min: v, max: v };

interface Metric {
  label: string;
  unit?: string;
  digits: number;
  /** the figure with its spread; a single number (a distance) has none */
  get: (s: SampleSummary) => Spread | undefined;
  /** shown as a single number, not mean ± sd */
  plain?: boolean;
  hint?: string;
}

const METRICS: Metric[] = [
  { label: "Words", digits: 1, get: (s) => s.words, hint: "answer length in words" },
  { label: "Reasoning tokens", digits: 1, get: (s) => s.reasoningTokens },
  { label: "1st answer token", unit: "s", digits: 2, get: (s) => seconds(s.firstAnswerMs) },
  { label: "Tokens/s", digits: 1, get: (s) => s.tokensPerSecond },
  {
    label: "Word distance",
    digits: 2,
    plain: true,
    get: (s) => single(s.distance),
    hint: "mean pairwise 1 − Jaccard of the samples' word sets: 0 = the same words every time",
  },
  {
    label: "Distinct-2",
    digits: 2,
    plain: true,
    get: (s) => single(s.distinct2),
    hint: "distinct word pairs ÷ all word pairs over the samples: low = they repeat each other",
  },
];

type Loaded = { status: "loading" } | { status: "done"; summaries: (SampleSummary | undefined)[] };

/**
 * Statistics: every column's samples of the last message side by side — rows are metrics, columns the
 * comparison's columns named by what varies — so that the varied parameter's effect reads at a glance.
 */
export function StatisticsDialog({
  open,
  onOpenChange,
  comparisonId,
  columns,
  catalog,
  latestAnswerId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  comparisonId: string;
  columns: ColumnState[];
  catalog: Catalog;
  latestAnswerId: (columnId: string) => string | undefined;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const ids = columns.map((c) => c.id).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per opening (and when columns change)
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setLoaded({ status: "loading" });
    void Promise.all(
      columns.map(async (c) => {
        const answerId = latestAnswerId(c.id);
        if (!answerId) return undefined;
        const versions = await fetchAnswerSamples(c.id, answerId);
        const samples = versions ? toSampleInputs(versions) : [];
        return samples.length > 0 ? summarizeSamples(samples) : undefined;
      }),
    ).then((summaries) => {
      if (!cancelled) setLoaded({ status: "done", summaries });
    });
    return () => {
      cancelled = true;
    };
  }, [open, ids, comparisonId]);

  const providerName = (id: string) => catalog.providers.find((p) => p.id === id)?.name ?? id;
  const names = columnNames(
    columns.map((c) => ({ ...c.selection, params: c.form.params })),
    providerName,
  );
  const summaries = loaded.status === "done" ? loaded.summaries : [];
  const series = useMemo<MetricSeries[]>(
    () =>
      METRICS.map((m) => ({
        label: m.label,
        unit: m.unit,
        points: columns.map((_, i) => {
          const s = summaries[i] ? m.get(summaries[i]) : undefined;
          return { column: String(i + 1), name: names[i] ?? "", mean: s?.mean ?? null, sd: s?.sd ?? 0 };
        }),
      })),
    [columns, summaries, names],
  );
  const any = summaries.some(Boolean);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] max-w-5xl grid-rows-[auto_minmax(0,1fr)] overflow-hidden">
        <div className="grid gap-1.5">
          <DialogTitle>Statistics</DialogTitle>
          <DialogDescription>
            Each column's samples of the last message: mean ± standard deviation (min–max). Set Samples in
            each column's parameters to draw several answers per message.
          </DialogDescription>
        </div>
        {/* A flex column, not a grid: a grid row holding the table's horizontal scroller collapsed on a phone. */}
        <div className="flex min-h-0 flex-col gap-4 overflow-y-auto">
          {loaded.status === "loading" ? (
            <p role="status" className="text-muted-foreground text-sm">
              Reading the samples…
            </p>
          ) : !any ? (
            <p className="text-muted-foreground text-sm">No answers yet: send a message first.</p>
          ) : (
            <>
              <section
                aria-label="Statistics table"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
                tabIndex={0}
                className="shrink-0 overflow-x-auto rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <table aria-label="Statistics by column" className="w-full border-collapse text-[12.5px]">
                  <thead>
                    <tr className="border-b text-left align-bottom">
                      <th scope="col" className="py-1.5 pr-3 font-medium text-muted-foreground text-xs">
                        Metric
                      </th>
                      {columns.map((c, i) => (
                        <th key={c.id} scope="col" className="min-w-32 px-2 py-1.5 font-medium">
                          Column {i + 1}
                          {names[i] && (
                            <span className="block font-mono font-normal text-[11px] text-muted-foreground">
                              {names[i]}
                            </span>
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="font-mono tabular-nums">
                    <tr className="border-b">
                      <th
                        scope="row"
                        className="py-1.5 pr-3 text-left font-sans font-normal text-muted-foreground"
                      >
                        Samples
                      </th>
                      {columns.map((c, i) => (
                        <td key={c.id} className="px-2 py-1.5">
                          {summaries[i]?.count ?? 0}
                        </td>
                      ))}
                    </tr>
                    {METRICS.map((m) => (
                      <tr key={m.label} className="border-b">
                        <th
                          scope="row"
                          title={m.hint}
                          className="py-1.5 pr-3 text-left font-sans font-normal text-muted-foreground"
                        >
                          {m.label}
                          {m.unit && ` (${m.unit})`}
                        </th>
                        {columns.map((c, i) => {
                          const s = summaries[i] ? m.get(summaries[i]) : undefined;
                          return (
                            <td key={c.id} className="px-2 py-1.5">
                              {m.plain
                                ? s
                                  ? formatNumber(s.mean, m.digits)
                                  : "—"
                                : formatSpread(s, m.digits)}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                    <tr>
                      <th
                        scope="row"
                        className="py-1.5 pr-3 text-left font-sans font-normal text-muted-foreground"
                      >
                        Finish
                      </th>
                      {columns.map((c, i) => (
                        <td key={c.id} className="px-2 py-1.5">
                          {summaries[i]?.finishReasons.map(([r, n]) => `${r} ×${n}`).join(", ") || "—"}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </section>
              <StatisticsCharts series={series} />
            </>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
