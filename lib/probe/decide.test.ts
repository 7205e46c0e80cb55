import { describe, expect, it } from "vitest";
import {
  decideProbe,
  normalizeOutput,
  outputLabels,
  type ProbeSample,
  type Verdict,
  wordDistance,
} from "./decide";
import { PROBE_MAX_REQUESTS, PROBE_MAX_TOKENS, type ProbeRequestId, probePlan } from "./plan";

const IDS = probePlan({ topPMin: 0, seedMin: 0 }).map((p) => p.id);

/** A full set of samples: `outputs` overrides the text of some requests, `errors` fails some. */
function samples(
  outputs: Partial<Record<ProbeRequestId, string>>,
  errors: Partial<Record<ProbeRequestId, string>> = {},
): ProbeSample[] {
  return IDS.map((id) => ({
    id,
    sent: id === "narrow-1" ? { top_p: 0.01 } : id === "seed-1" ? { seed: 1234 } : {},
    output: outputs[id] ?? "The sea at night is dark and calm.",
    ...(errors[id] ? { error: errors[id] } : {}),
    ms: 10,
  }));
}

const verdicts = (s: ProbeSample[]) =>
  Object.fromEntries(decideProbe(s).map((v) => [v.param, v.verdict])) as Record<string, Verdict>;

/** What a model that honours everything answers: reproducible greedy text, varied sampled text. */
const HONOURED: Partial<Record<ProbeRequestId, string>> = {
  "cold-1": "greedy answer about the dark sea",
  "cold-2": "greedy answer about the dark sea",
  "hot-1": "waves glitter under a pale moon tonight",
  "hot-2": "fishermen sing while the tide rolls in",
  "narrow-1": "greedy answer about the dark sea",
  "narrow-2": "greedy answer about the dark sea",
  "seed-1": "stars drown in the black water",
  "seed-2": "stars drown in the black water",
  "seed-other": "a lighthouse sweeps the quiet bay",
  frequency: "greedy answer regarding this dark ocean",
  presence: "greedy reply about that dark sea",
};

describe("decideProbe", () => {
  it("finds every parameter effective on a model that honours them all", () => {
    expect(verdicts(samples(HONOURED))).toEqual({
      temperature: "effect",
      topP: "effect",
      seed: "effect",
      frequencyPenalty: "effect",
      presencePenalty: "effect",
    });
  });

  it("identical texts everywhere: temperature and the penalties appear ignored; top_p and seed cannot show", () => {
    const v = decideProbe(samples({}));
    expect(Object.fromEntries(v.map((x) => [x.param, x.verdict]))).toEqual({
      temperature: "ignored",
      topP: "inconclusive",
      seed: "inconclusive",
      frequencyPenalty: "ignored",
      presencePenalty: "ignored",
    });
    expect(v[0].reason).toMatch(/same answer, four times out of four/);
    expect(v[1].reason).toMatch(/already the same/);
  });

  it("whitespace alone does not make outputs different", () => {
    const s = samples({ "cold-2": "  The sea at night\nis dark and   calm. " });
    expect(verdicts(s).temperature).toBe("ignored");
  });

  it("all different, even at temperature 0: inconclusive for temperature and the penalties", () => {
    const all = Object.fromEntries(IDS.map((id, i) => [id, `answer number ${i} with words ${id}`]));
    const v = verdicts(samples(all));
    expect(v.temperature).toBe("inconclusive");
    expect(v.frequencyPenalty).toBe("inconclusive");
    expect(v.presencePenalty).toBe("inconclusive");
    // the same seed twice giving two answers: the seed is ignored
    expect(v.seed).toBe("ignored");
    expect(decideProbe(samples(all))[0].reason).toMatch(
      /^The two answers at temperature 0 differ \(word distance 0\.\d+, against 0\.\d+ between the two at 1\.5\)/,
    );
  });

  it("noisy at temperature 0 but otherwise honoured: temperature inconclusive, seed still effective", () => {
    const v = verdicts(samples({ ...HONOURED, "cold-2": "greedy answer about the darker sea" }));
    expect(v.temperature).toBe("inconclusive");
    expect(v.frequencyPenalty).toBe("inconclusive");
    expect(v.seed).toBe("effect");
  });

  it("temperature 1.5 deterministic but different from temperature 0 is still an effect", () => {
    const s = samples({ ...HONOURED, "hot-2": HONOURED["hot-1"] });
    expect(verdicts(s).temperature).toBe("effect");
    expect(decideProbe(s)[0].reason).toMatch(/gave another one/);
  });

  it("an error makes every verdict resting on that request inconclusive, with the error shown", () => {
    const s = samples(HONOURED, { "hot-1": "AI/ML API answered 429: Rate limited; wait and retry." });
    const v = decideProbe(s);
    const byParam = Object.fromEntries(v.map((x) => [x.param, x]));
    expect(byParam.temperature.verdict).toBe("inconclusive");
    expect(byParam.temperature.reason).toBe(
      "Request hot-1 failed: AI/ML API answered 429: Rate limited; wait and retry.",
    );
    expect(byParam.topP.verdict).toBe("inconclusive");
    expect(byParam.seed.verdict).toBe("inconclusive");
    // the penalties do not use hot-1
    expect(byParam.frequencyPenalty.verdict).toBe("effect");
  });

  it("empty outputs (a host that hides reasoning) are inconclusive, not identical", () => {
    const empty = Object.fromEntries(IDS.map((id) => [id, ""]));
    const v = decideProbe(samples(empty));
    expect(v.every((x) => x.verdict === "inconclusive")).toBe(true);
    expect(v[0].reason).toContain(`no text within ${PROBE_MAX_TOKENS} tokens`);
  });

  it("a request missing from the samples is inconclusive", () => {
    const s = samples(HONOURED).filter((x) => x.id !== "presence");
    expect(verdicts(s).presencePenalty).toBe("inconclusive");
  });

  it("top_p: as varied as without it appears ignored; much more alike or equal to greedy is an effect", () => {
    const ignored = {
      ...HONOURED,
      "narrow-1": "the tide whispers over cold stones",
      "narrow-2": "clouds hide the moon above the harbour",
    };
    expect(verdicts(samples(ignored)).topP).toBe("ignored");
    const greedyOnce = { ...ignored, "narrow-2": HONOURED["cold-1"] };
    expect(verdicts(samples(greedyOnce)).topP).toBe("effect");
    const alike = {
      ...ignored,
      "narrow-1": "the dark sea is calm and the moon is bright over it",
      "narrow-2": "the dark sea is calm and the moon is bright over us",
    };
    expect(verdicts(samples(alike)).topP).toBe("effect");
  });

  it("seed: the same text for two different seeds is inconclusive; names the seed in the reason", () => {
    const s = samples({ ...HONOURED, "seed-other": HONOURED["seed-1"] });
    expect(verdicts(s).seed).toBe("inconclusive");
    expect(decideProbe(samples(HONOURED))[2].reason).toContain("seed 1234");
  });

  it("penalty equal to the greedy answer appears ignored", () => {
    const s = samples({ ...HONOURED, frequency: HONOURED["cold-1"] });
    expect(verdicts(s)).toMatchObject({ frequencyPenalty: "ignored", presencePenalty: "effect" });
  });

  it("names the requests each verdict rests on", () => {
    const v = decideProbe(samples(HONOURED));
    expect(v.find((x) => x.param === "seed")?.evidence).toEqual([
      "hot-1",
      "hot-2",
      "seed-1",
      "seed-2",
      "seed-other",
    ]);
    expect(v.find((x) => x.param === "presencePenalty")?.evidence).toEqual(["cold-1", "cold-2", "presence"]);
  });
});

describe("outputLabels", () => {
  it("letters distinct outputs in order of appearance; errors and empty outputs are named", () => {
    const s = samples({ ...HONOURED, presence: "  " }, { frequency: "boom" });
    const labels = outputLabels(s);
    expect(IDS.map((id) => labels.get(id))).toEqual([
      "A",
      "A",
      "B",
      "C",
      "A",
      "A",
      "D",
      "D",
      "E",
      "error",
      "empty",
    ]);
  });
});

describe("wordDistance", () => {
  it("is 0 for equal texts, 1 for texts sharing no word pair, in between otherwise", () => {
    expect(wordDistance("a b c", "a  b c")).toBe(0);
    expect(wordDistance("a b c", "d e f")).toBe(1);
    const d = wordDistance("the sea is dark", "the sea is calm");
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(1);
    expect(wordDistance("", "")).toBe(0);
  });
  it("normalizeOutput collapses whitespace", () => {
    expect(normalizeOutput(" a\n\n b\t")).toBe("a b");
  });
});

describe("probePlan", () => {
  it("stays within the budget: at most 12 requests of at most 64 tokens, temperature set on each", () => {
    const plan = probePlan({ topPMin: 0, seedMin: 0 });
    expect(plan.length).toBeLessThanOrEqual(PROBE_MAX_REQUESTS);
    expect(new Set(plan.map((p) => p.id)).size).toBe(plan.length);
    for (const p of plan) {
      expect(p.params.maxTokens).toBe(PROBE_MAX_TOKENS);
      expect(p.params.temperature).toBeDefined();
    }
  });

  it("varies one parameter at a time against its reference", () => {
    const plan = Object.fromEntries(probePlan({ topPMin: 0, seedMin: 0 }).map((p) => [p.id, p.params]));
    expect(plan["cold-1"]).toEqual(plan["cold-2"]);
    expect(plan["hot-1"]).toEqual(plan["hot-2"]);
    expect(plan["cold-1"].temperature).toBe(0);
    expect(plan["hot-1"].temperature).toBe(1.5);
    const { topP, ...narrowRest } = plan["narrow-1"];
    expect(narrowRest).toEqual(plan["hot-1"]);
    expect(topP).toBe(0.01);
    const { seed, ...seedRest } = plan["seed-1"];
    expect(seedRest).toEqual(plan["hot-1"]);
    expect(plan["seed-2"].seed).toBe(seed);
    expect(plan["seed-other"].seed).not.toBe(seed);
    const { frequencyPenalty, ...freqRest } = plan.frequency;
    expect(freqRest).toEqual(plan["cold-1"]);
    expect(frequencyPenalty).toBeGreaterThan(0);
    const { presencePenalty, ...presRest } = plan.presence;
    expect(presRest).toEqual(plan["cold-1"]);
    expect(presencePenalty).toBeGreaterThan(0);
  });

  it("respects the provider's limits (AI/ML API: top_p at least 0.01, seed at least 1)", () => {
    const plan = probePlan({ topPMin: 0.05, seedMin: 100_000 });
    const narrow = plan.find((p) => p.id === "narrow-1");
    expect(narrow?.params.topP).toBe(0.05);
    const seeds = plan.filter((p) => p.id.startsWith("seed")).map((p) => p.params.seed ?? -1);
    expect(seeds.every((s) => s >= 100_000)).toBe(true);
    expect(new Set(seeds).size).toBe(2);
  });
});
