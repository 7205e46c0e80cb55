"use client";

import { formatDuration } from "@/components/chat/format";
import {
  formatNumber,
  formatSpread,
  type SampleInput,
  type Spread,
  summarizeSamples,
} from "@/lib/compare/statistics";

/** Durations in seconds, so that "mean ± sd" reads in one unit. */
const inSeconds = (s: Spread | undefined): Spread | undefined =>
  s && { ...s, mean: s.mean / 1000, sd: s.sd / 1000, min: s.min / 1000, max: s.max / 1000 };

function Row({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="flex min-w-0 items-baseline justify-between gap-2" title={hint}>
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-right font-mono tabular-nums">{value}</dd>
    </div>
  );
}

/** The summary of the samples of a column's last answer: mean ± sd (range) per metric and their variety. */
export function SampleSummary({ samples }: { samples: SampleInput[] }) {
  const s = summarizeSamples(samples);
  const firstAnswer = inSeconds(s.firstAnswerMs);
  return (
    <section aria-label="Samples summary" className="rounded-lg border bg-muted/30 px-2.5 py-2 text-[11.5px]">
      <h3 className="mb-1.5 font-medium text-[12px]">
        {s.count} samples of this answer
        <span className="font-normal text-muted-foreground"> · mean ± sd (min–max)</span>
      </h3>
      <dl className="grid gap-1">
        <Row label="Words" value={formatSpread(s.words)} />
        <Row label="Reasoning tokens" value={formatSpread(s.reasoningTokens)} />
        <Row
          label="1st answer token"
          value={firstAnswer ? `${formatSpread(firstAnswer, 2)} s` : "—"}
          hint={s.firstAnswerMs ? `mean ${formatDuration(s.firstAnswerMs.mean)}` : undefined}
        />
        <Row label="Tokens/s" value={formatSpread(s.tokensPerSecond)} />
        <Row label="Finish" value={s.finishReasons.map(([r, n]) => `${r} ×${n}`).join(", ") || "—"} />
        <Row
          label="Word distance"
          value={s.distance === undefined ? "—" : formatNumber(s.distance, 2)}
          hint="mean pairwise 1 − Jaccard of the answers' word sets: 0 = the same words, 1 = none shared"
        />
        <Row
          label="Distinct-2"
          value={s.distinct2 === undefined ? "—" : formatNumber(s.distinct2, 2)}
          hint="distinct word pairs ÷ all word pairs over the answers: low = they repeat each other"
        />
      </dl>
    </section>
  );
}
