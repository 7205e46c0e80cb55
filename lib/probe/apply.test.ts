import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/params";
import { applyProbe, probeDate, verdictLine } from "./apply";
import type { ProbeSummary } from "./types";

const AT = Date.UTC(2026, 10, 29, 23, 30);
const THINKING = {
  ...DEFAULT_LIMITS,
  ignored: ["temperature", "topP", "frequencyPenalty", "presencePenalty"] as const,
  ignoredNote: "DeepSeek thinking mode accepts but ignores temperature…",
};

describe("applyProbe", () => {
  it("without a probe the static knowledge stays", () => {
    const limits = { ...THINKING, ignored: [...THINKING.ignored] };
    expect(applyProbe(limits, undefined)).toBe(limits);
  });

  it("decided verdicts replace the static list; inconclusive ones keep it; the note gives way", () => {
    const probe: ProbeSummary = {
      createdAt: AT,
      verdicts: [
        { param: "temperature", verdict: "effect" },
        { param: "topP", verdict: "inconclusive" },
        { param: "seed", verdict: "ignored" },
        { param: "frequencyPenalty", verdict: "ignored" },
        { param: "presencePenalty", verdict: "effect" },
      ],
    };
    const out = applyProbe({ ...THINKING, ignored: [...THINKING.ignored] }, probe);
    expect(out.ignored.sort()).toEqual(["frequencyPenalty", "seed", "topP"]);
    expect(out.ignoredNote).toBeUndefined();
    expect(out.probedAt).toBe(AT);
    expect(out.maxTokens).toBe(THINKING.maxTokens);
  });
});

describe("applyProbe with nothing decided", () => {
  it("keeps the static knowledge, note included", () => {
    const limits = { ...THINKING, ignored: [...THINKING.ignored] };
    const probe: ProbeSummary = {
      createdAt: AT,
      verdicts: (["temperature", "topP", "seed", "frequencyPenalty", "presencePenalty"] as const).map(
        (param) => ({
          param,
          verdict: "inconclusive" as const,
        }),
      ),
    };
    expect(applyProbe(limits, probe)).toBe(limits);
  });
});

describe("verdict lines", () => {
  it("read 'temperature: has an effect (tested 2026-11-29)' in UTC", () => {
    expect(probeDate(AT)).toBe("2026-11-29");
    expect(verdictLine({ param: "temperature", verdict: "effect" }, AT)).toBe(
      "temperature: has an effect (tested 2026-11-29)",
    );
    expect(verdictLine({ param: "topP", verdict: "ignored" }, AT)).toBe(
      "top_p: appears ignored (tested 2026-11-29)",
    );
  });
});
