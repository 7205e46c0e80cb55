import type { ModelLimits, SamplingParamKey } from "@/lib/params";
import { VERDICT_LABELS } from "./decide";
import { probedParamName } from "./plan";
import type { ProbeSummary } from "./types";

/**
 * A model's limits with a probe's verdicts in place of the static knowledge: a parameter the probe found
 * effective is no longer listed as ignored, one that appears ignored is; an inconclusive verdict keeps what
 * was known before. The static note ("unverified…") gives way to the probe's own lines, unless the probe
 * decided nothing (every request failed, say).
 */
export function applyProbe(limits: ModelLimits, probe: ProbeSummary | undefined): ModelLimits {
  if (!probe || probe.verdicts.every((v) => v.verdict === "inconclusive")) return limits;
  const decided = new Map(
    probe.verdicts.filter((v) => v.verdict !== "inconclusive").map((v) => [v.param, v.verdict]),
  );
  const keep = limits.ignored.filter((k) => !decided.has(k as never));
  const found = [...decided].filter(([, v]) => v === "ignored").map(([k]) => k as SamplingParamKey);
  const { ignoredNote: _note, ...rest } = limits;
  return { ...rest, ignored: [...new Set([...keep, ...found])], probedAt: probe.createdAt };
}

/** "2026-11-29": the day a probe ran (UTC, so server and browser render it alike). */
export function probeDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** "temperature: has an effect (tested 2026-11-29)" */
export function verdictLine(v: ProbeSummary["verdicts"][number], at: number): string {
  return `${probedParamName(v.param)}: ${VERDICT_LABELS[v.verdict]} (tested ${probeDate(at)})`;
}
