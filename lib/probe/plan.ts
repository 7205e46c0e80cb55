import { type GenerationParams, type ModelLimits, WIRE_NAMES } from "@/lib/params";

/**
 * The effectiveness probe's experiment: a few short requests for one provider + model, each differing from
 * a reference in one parameter, so that comparing their outputs says whether that parameter does anything.
 * Client-safe (the dialog shows the plan and its cost before anything is sent).
 */

/** The sampling parameters the probe decides on (max tokens and stop sequences act deterministically). */
export const PROBED_PARAMS = ["temperature", "topP", "seed", "frequencyPenalty", "presencePenalty"] as const;
export type ProbedParam = (typeof PROBED_PARAMS)[number];

export const PROBE_MAX_REQUESTS = 12;
export const PROBE_MAX_TOKENS = 64;
/** Short, open-ended (so sampling has room to vary) and the same for every request. */
export const PROBE_PROMPT = "Describe the sea at night in a few sentences.";

export const HIGH_TEMPERATURE = 1.5;
const NARROW_TOP_P = 0.01;
const PENALTY = 2;
const SEEDS = [1234, 98_765] as const;

/** One request of the plan; `role` says which comparison it takes part in. */
export interface ProbeRequestPlan {
  id: ProbeRequestId;
  params: GenerationParams;
}

export type ProbeRequestId =
  | "cold-1"
  | "cold-2"
  | "hot-1"
  | "hot-2"
  | "narrow-1"
  | "narrow-2"
  | "seed-1"
  | "seed-2"
  | "seed-other"
  | "frequency"
  | "presence";

/**
 * The requests, in the order they are sent. Two at temperature 0 are the reproducible reference
 * (penalties are each tried once against it); two at 1.5 show whether temperature adds variety; top_p and
 * seed are tried at 1.5, where they have variety to remove. Values respect the provider's limits.
 */
export function probePlan(limits: Pick<ModelLimits, "topPMin" | "seedMin">): ProbeRequestPlan[] {
  const base = { maxTokens: PROBE_MAX_TOKENS };
  const cold = { ...base, temperature: 0 };
  const hot = { ...base, temperature: HIGH_TEMPERATURE };
  const topP = Math.max(NARROW_TOP_P, limits.topPMin);
  const [seed, otherSeed] = SEEDS.map((s) => Math.max(s, limits.seedMin));
  return [
    { id: "cold-1", params: cold },
    { id: "cold-2", params: cold },
    { id: "hot-1", params: hot },
    { id: "hot-2", params: hot },
    { id: "narrow-1", params: { ...hot, topP } },
    { id: "narrow-2", params: { ...hot, topP } },
    { id: "seed-1", params: { ...hot, seed } },
    { id: "seed-2", params: { ...hot, seed } },
    { id: "seed-other", params: { ...hot, seed: otherSeed === seed ? seed + 1 : otherSeed } },
    { id: "frequency", params: { ...cold, frequencyPenalty: PENALTY } },
    { id: "presence", params: { ...cold, presencePenalty: PENALTY } },
  ];
}

/** "temperature" for the wire name shown next to verdicts; "Temperature" as the panel labels it. */
export function probedParamName(param: ProbedParam): string {
  return WIRE_NAMES[param];
}
