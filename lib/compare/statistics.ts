/*
 * Statistics over repeated samples of one answer (issue 11): pure, so that the column summaries and the
 * comparison's Statistics table compute the same figures and unit tests can pin them down.
 */

/** What one sample contributes: its answer text and what the provider reported. */
export interface SampleInput {
  text: string;
  reasoningTokens?: number;
  /** time to the first answer token, ms */
  firstAnswerMs?: number;
  tokensPerSecond?: number;
  finishReason?: string;
}

/** Mean and spread of a metric over the samples that reported it. */
export interface Spread {
  /** how many samples reported the metric */
  n: number;
  mean: number;
  /** sample standard deviation (n − 1); 0 for a single value */
  sd: number;
  min: number;
  max: number;
}

export interface SampleSummary {
  count: number;
  /** answer length in words */
  words: Spread | undefined;
  reasoningTokens: Spread | undefined;
  firstAnswerMs: Spread | undefined;
  tokensPerSecond: Spread | undefined;
  /** finish reasons with their counts, the most frequent first */
  finishReasons: [reason: string, count: number][];
  /** mean pairwise word-set distance (1 − Jaccard) between the answers; undefined under two samples */
  distance: number | undefined;
  /** distinct bigrams ÷ bigrams over all answers (1: no bigram repeats); undefined without any bigram */
  distinct2: number | undefined;
}

export function spread(values: readonly (number | undefined)[]): Spread | undefined {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (xs.length === 0) return undefined;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length < 2 ? 0 : xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { n: xs.length, mean, sd: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
}

/** The words of a text, lower-cased, without the punctuation around them (so "Sea," is "sea"). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/\S+/g) ?? [])
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w !== "");
}

/** 1 − |A ∩ B| / |A ∪ B| over the two word sets: 0 for the same words, 1 for none in common. */
export function wordDistance(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 0;
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared += 1;
  return 1 - shared / (sa.size + sb.size - shared);
}

/** The mean of wordDistance over every pair of texts; undefined for fewer than two. */
export function meanPairwiseDistance(texts: readonly string[]): number | undefined {
  if (texts.length < 2) return undefined;
  const tokenized = texts.map(words);
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < tokenized.length; i++) {
    for (let j = i + 1; j < tokenized.length; j++) {
      total += wordDistance(tokenized[i] ?? [], tokenized[j] ?? []);
      pairs += 1;
    }
  }
  return total / pairs;
}

/**
 * Distinct-2 over all the texts together: distinct word bigrams ÷ all bigrams. Identical samples repeat
 * every bigram, so it falls towards 1/n; varied ones keep it near 1.
 */
export function distinct2(texts: readonly string[]): number | undefined {
  const seen = new Set<string>();
  let total = 0;
  for (const text of texts) {
    const ws = words(text);
    for (let i = 0; i + 1 < ws.length; i++) {
      seen.add(`${ws[i]} ${ws[i + 1]}`);
      total += 1;
    }
  }
  return total === 0 ? undefined : seen.size / total;
}

export function finishReasonCounts(reasons: readonly (string | undefined)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r ?? "unknown", (counts.get(r ?? "unknown") ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function summarizeSamples(samples: readonly SampleInput[]): SampleSummary {
  const texts = samples.map((s) => s.text);
  return {
    count: samples.length,
    words: spread(texts.map((t) => words(t).length)),
    reasoningTokens: spread(samples.map((s) => s.reasoningTokens)),
    firstAnswerMs: spread(samples.map((s) => s.firstAnswerMs)),
    tokensPerSecond: spread(samples.map((s) => s.tokensPerSecond)),
    finishReasons: finishReasonCounts(samples.map((s) => s.finishReason)),
    distance: meanPairwiseDistance(texts),
    distinct2: distinct2(texts),
  };
}

/** A number for a table cell: integers as they are, others to `digits` significant decimals. */
export function formatNumber(v: number, digits = 1): string {
  const rounded = Number(v.toFixed(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** "mean ± sd" (and the range when the values differ); "—" when no sample reported the metric. */
export function formatSpread(s: Spread | undefined, digits = 1): string {
  if (!s) return "—";
  const base = `${formatNumber(s.mean, digits)} ± ${formatNumber(s.sd, digits)}`;
  return s.min === s.max ? base : `${base} (${formatNumber(s.min, digits)}–${formatNumber(s.max, digits)})`;
}
