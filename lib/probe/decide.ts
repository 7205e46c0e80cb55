import { HIGH_TEMPERATURE, PROBE_MAX_TOKENS, type ProbedParam, type ProbeRequestId } from "./plan";

/** What one probe request got back. Model output is untrusted: it is shown as plain text only. */
export interface ProbeSample {
  id: ProbeRequestId;
  /** the sampling fields of the body the provider received (wire names), as the chat records them */
  sent: Record<string, unknown>;
  /** reasoning and answer together: 64 tokens of a reasoning model are often all reasoning */
  output: string;
  /** why the request failed (the provider's words, redacted); a failed sample is no evidence */
  error?: string;
  finishReason?: string;
  ms: number;
}

export type Verdict = "effect" | "ignored" | "inconclusive";

export interface ParamVerdict {
  param: ProbedParam;
  verdict: Verdict;
  /** one or two plain sentences: what was compared and what came out */
  reason: string;
  /** the requests the verdict rests on */
  evidence: ProbeRequestId[];
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  effect: "has an effect",
  ignored: "appears ignored",
  inconclusive: "inconclusive",
};

/** Outputs compare equal when they differ only in surrounding or repeated whitespace. */
export function normalizeOutput(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A letter per distinct output (A for the first seen, B for the next…), so the evidence reads "A A B C" at
 * a glance; "error" and "empty" for samples that carry no text.
 */
export function outputLabels(samples: readonly ProbeSample[]): Map<ProbeRequestId, string> {
  const letters = new Map<string, string>();
  const out = new Map<ProbeRequestId, string>();
  for (const s of samples) {
    if (s.error !== undefined) {
      out.set(s.id, "error");
      continue;
    }
    const key = normalizeOutput(s.output);
    if (!key) {
      out.set(s.id, "empty");
      continue;
    }
    if (!letters.has(key)) letters.set(key, letterFor(letters.size));
    out.set(s.id, letters.get(key) as string);
  }
  return out;
}

function letterFor(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `Z${i - 25}`;
}

function bigrams(text: string): Set<string> {
  const words = normalizeOutput(text).toLowerCase().split(" ").filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  if (words.length === 1) out.add(words[0]);
  return out;
}

/** Jaccard distance of word bigrams: 0 for the same text, 1 for texts sharing no two consecutive words. */
export function wordDistance(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return 1 - shared / (x.size + y.size - shared);
}

type Outcome = { ok: true; texts: Map<ProbeRequestId, string> } | { ok: false; verdict: ParamVerdict };

/** The normalized outputs of `ids`, or an inconclusive verdict naming the first request without one. */
function outputsOf(
  param: ProbedParam,
  samples: ReadonlyMap<ProbeRequestId, ProbeSample>,
  ids: ProbeRequestId[],
): Outcome {
  const texts = new Map<ProbeRequestId, string>();
  for (const id of ids) {
    const s = samples.get(id);
    if (!s) {
      return {
        ok: false,
        verdict: { param, verdict: "inconclusive", reason: `Request ${id} was not run.`, evidence: ids },
      };
    }
    if (s.error !== undefined) {
      return {
        ok: false,
        verdict: {
          param,
          verdict: "inconclusive",
          reason: `Request ${id} failed: ${s.error}`,
          evidence: ids,
        },
      };
    }
    const text = normalizeOutput(s.output);
    if (!text) {
      return {
        ok: false,
        verdict: {
          param,
          verdict: "inconclusive",
          reason: `Request ${id} returned no text within ${PROBE_MAX_TOKENS} tokens (a host that hides reasoning shows nothing to compare).`,
          evidence: ids,
        },
      };
    }
    texts.set(id, text);
  }
  return { ok: true, texts };
}

const verdict = (
  param: ProbedParam,
  v: Verdict,
  reason: string,
  evidence: ProbeRequestId[],
): ParamVerdict => ({
  param,
  verdict: v,
  reason,
  evidence,
});

const NOISY_AT_ZERO =
  "The two answers at temperature 0 differ: the host varies its output even without sampling, so one or two answers per setting cannot tell this parameter's effect from that noise.";

function decideTemperature(samples: ReadonlyMap<ProbeRequestId, ProbeSample>): ParamVerdict {
  const ids: ProbeRequestId[] = ["cold-1", "cold-2", "hot-1", "hot-2"];
  const o = outputsOf("temperature", samples, ids);
  if (!o.ok) return o.verdict;
  const [c1, c2, h1, h2] = ids.map((id) => o.texts.get(id) as string);
  if (c1 !== c2) {
    // The spreads are shown, not judged: two answers per setting are too few to call a difference in spread.
    return verdict(
      "temperature",
      "inconclusive",
      `The two answers at temperature 0 differ (word distance ${round(wordDistance(c1, c2))}, against ${round(wordDistance(h1, h2))} between the two at ${HIGH_TEMPERATURE}): the host varies its output even without sampling, so two answers per setting cannot tell temperature's effect from that noise.`,
      ids,
    );
  }
  if (h1 === c1 && h2 === c1) {
    return verdict(
      "temperature",
      "ignored",
      `Temperature 0 and temperature ${HIGH_TEMPERATURE} gave the same answer, four times out of four.`,
      ids,
    );
  }
  return verdict(
    "temperature",
    "effect",
    h1 !== h2
      ? `Temperature 0 gave the same answer twice; temperature ${HIGH_TEMPERATURE} gave two different answers.`
      : `Temperature 0 gave the same answer twice; temperature ${HIGH_TEMPERATURE} gave another one.`,
    ids,
  );
}

function decideTopP(samples: ReadonlyMap<ProbeRequestId, ProbeSample>): ParamVerdict {
  const ids: ProbeRequestId[] = ["hot-1", "hot-2", "narrow-1", "narrow-2", "cold-1"];
  const o = outputsOf("topP", samples, ids);
  if (!o.ok) return o.verdict;
  const [h1, h2, n1, n2, c1] = ids.map((id) => o.texts.get(id) as string);
  const topP = samples.get("narrow-1")?.sent.top_p ?? "narrow";
  if (h1 === h2) {
    return verdict(
      "topP",
      "inconclusive",
      `At temperature ${HIGH_TEMPERATURE} the two answers without top_p were already the same, so narrowing the choice of tokens has nothing to show.`,
      ids,
    );
  }
  if (n1 === n2) {
    return verdict(
      "topP",
      "effect",
      `At temperature ${HIGH_TEMPERATURE}, top_p ${topP} gave the same answer twice; without top_p the two answers differed.`,
      ids,
    );
  }
  // A nucleus that is narrow but not a single token still pulls answers towards the greedy one.
  const hotSpread = wordDistance(h1, h2);
  const narrowSpread = wordDistance(n1, n2);
  if (n1 === c1 || n2 === c1 || narrowSpread < hotSpread / 2) {
    return verdict(
      "topP",
      "effect",
      `At temperature ${HIGH_TEMPERATURE}, top_p ${topP} made the answers much more alike (word distance ${round(narrowSpread)} against ${round(hotSpread)} without it).`,
      ids,
    );
  }
  return verdict(
    "topP",
    "ignored",
    `At temperature ${HIGH_TEMPERATURE}, top_p ${topP} left the answers as varied as without it (word distance ${round(narrowSpread)} against ${round(hotSpread)}).`,
    ids,
  );
}

function decideSeed(samples: ReadonlyMap<ProbeRequestId, ProbeSample>): ParamVerdict {
  const ids: ProbeRequestId[] = ["hot-1", "hot-2", "seed-1", "seed-2", "seed-other"];
  const o = outputsOf("seed", samples, ids);
  if (!o.ok) return o.verdict;
  const [h1, h2, s1, s2, other] = ids.map((id) => o.texts.get(id));
  const seed = samples.get("seed-1")?.sent.seed;
  if (h1 === h2) {
    return verdict(
      "seed",
      "inconclusive",
      `At temperature ${HIGH_TEMPERATURE} the two answers without a seed were already the same, so a seed has no randomness to fix.`,
      ids,
    );
  }
  if (s1 !== s2) {
    return verdict(
      "seed",
      "ignored",
      `At temperature ${HIGH_TEMPERATURE}, seed ${seed} sent twice gave two different answers.`,
      ids,
    );
  }
  if (other === s1) {
    return verdict(
      "seed",
      "inconclusive",
      `Seed ${seed} gave the same answer twice, but so did another seed: the answers vary without a seed, not with its value.`,
      ids,
    );
  }
  return verdict(
    "seed",
    "effect",
    `At temperature ${HIGH_TEMPERATURE}, seed ${seed} gave the same answer twice and another seed another answer; without a seed the answers differed.`,
    ids,
  );
}

function decidePenalty(
  samples: ReadonlyMap<ProbeRequestId, ProbeSample>,
  param: "frequencyPenalty" | "presencePenalty",
): ParamVerdict {
  const id: ProbeRequestId = param === "frequencyPenalty" ? "frequency" : "presence";
  const ids: ProbeRequestId[] = ["cold-1", "cold-2", id];
  const o = outputsOf(param, samples, ids);
  if (!o.ok) return o.verdict;
  const [c1, c2, p] = ids.map((i) => o.texts.get(i));
  const sent = samples.get(id)?.sent;
  const name = param === "frequencyPenalty" ? "frequency_penalty" : "presence_penalty";
  const value = sent?.[name] ?? "";
  if (c1 !== c2) return verdict(param, "inconclusive", NOISY_AT_ZERO, ids);
  if (p === c1) {
    return verdict(
      param,
      "ignored",
      `At temperature 0, ${name} ${value} gave the same answer as without it.`,
      ids,
    );
  }
  return verdict(
    param,
    "effect",
    `At temperature 0 the answer is reproducible, and ${name} ${value} changed it.`,
    ids,
  );
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The verdict for every probed parameter, from the probe's samples (see probePlan for the design). */
export function decideProbe(samples: readonly ProbeSample[]): ParamVerdict[] {
  const byId = new Map(samples.map((s) => [s.id, s]));
  return [
    decideTemperature(byId),
    decideTopP(byId),
    decideSeed(byId),
    decidePenalty(byId, "frequencyPenalty"),
    decidePenalty(byId, "presencePenalty"),
  ];
}
