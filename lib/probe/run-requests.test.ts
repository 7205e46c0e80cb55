import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createOfflineServer, OFFLINE_MODEL_ID } from "@/lib/ai/offline";
import { DEFAULT_LIMITS } from "@/lib/params";
import { decideProbe } from "./decide";
import { PROBE_PROMPT, probePlan } from "./plan";
import { runProbeRequests } from "./run-requests";

type StreamPart =
  Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

const OPTS = { concurrency: 2, timeoutMs: 10_000, describeError: (e: unknown) => (e as Error).message };

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** A model answering `text` whatever it is asked, after `delayMs`; counts requests in flight. */
function constantModel(text: string, delayMs = 0) {
  const state = { inFlight: 0, maxInFlight: 0 };
  const model = new MockLanguageModelV4({
    doStream: async () => {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      state.inFlight--;
      const parts: StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: text },
        { type: "text-end", id: "t" },
        { type: "finish", usage, finishReason: { unified: "stop", raw: "stop" } },
      ];
      return {
        stream: new ReadableStream<StreamPart>({
          start(c) {
            for (const p of parts) c.enqueue(p);
            c.close();
          },
        }),
      };
    },
  });
  return { model, state };
}

describe("runProbeRequests", () => {
  it("against the offline model, every sampling parameter has an effect", async () => {
    const server = createOfflineServer({ tokensPerSecond: 1_000_000 });
    const model = createOpenAICompatible({
      name: "offline",
      baseURL: "http://offline.local/v1",
      fetch: server.fetch,
      includeUsage: true,
    })(OFFLINE_MODEL_ID);
    const samples = await runProbeRequests(model, probePlan(DEFAULT_LIMITS), OPTS);
    expect(samples.every((s) => s.error === undefined && s.output.length > 0)).toBe(true);
    expect(decideProbe(samples).map((v) => [v.param, v.verdict])).toEqual([
      ["temperature", "effect"],
      ["topP", "effect"],
      ["seed", "effect"],
      ["frequencyPenalty", "effect"],
      ["presencePenalty", "effect"],
    ]);
  });

  it("sends the plan's parameters through the chat's mapping, the fixed prompt, two at a time, in order", async () => {
    const { model, state } = constantModel("Same text.", 20);
    const plan = probePlan(DEFAULT_LIMITS);
    const ended: string[] = [];
    const samples = await runProbeRequests(model, plan, { ...OPTS, onSample: (s) => ended.push(s.id) });
    expect(samples.map((s) => s.id)).toEqual(plan.map((p) => p.id));
    expect(ended.sort()).toEqual(plan.map((p) => p.id).sort());
    expect(model.doStreamCalls).toHaveLength(plan.length);
    expect(state.maxInFlight).toBe(2);
    const narrow = model.doStreamCalls[plan.findIndex((p) => p.id === "narrow-1")];
    expect(narrow).toMatchObject({ temperature: 1.5, topP: 0.01, maxOutputTokens: 64 });
    expect(JSON.stringify(narrow.prompt)).toContain(PROBE_PROMPT);
    expect(decideProbe(samples)[0].verdict).toBe("ignored");
  });

  it("a failing provider gives samples with the error, and inconclusive verdicts", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error("Fake answered 500: upstream overloaded");
      },
    });
    const samples = await runProbeRequests(model, probePlan(DEFAULT_LIMITS), OPTS);
    expect(model.doStreamCalls).toHaveLength(11); // no retries
    expect(samples.every((s) => s.error?.includes("upstream overloaded"))).toBe(true);
    const verdicts = decideProbe(samples);
    expect(verdicts.every((v) => v.verdict === "inconclusive")).toBe(true);
    expect(verdicts[0].reason).toContain("upstream overloaded");
  });

  it("a request slower than the timeout fails with its own error and does not hold the others", async () => {
    const model = new MockLanguageModelV4({
      doStream: async ({ abortSignal }) => ({
        stream: new ReadableStream<StreamPart>({
          start(c) {
            c.enqueue({ type: "stream-start", warnings: [] });
            abortSignal?.addEventListener("abort", () => c.error(abortSignal.reason));
          },
        }),
      }),
    });
    const plan = probePlan(DEFAULT_LIMITS).slice(0, 2);
    const samples = await runProbeRequests(model, plan, { ...OPTS, timeoutMs: 50 });
    expect(samples.map((s) => s.error)).toEqual([
      "The provider took too long to answer",
      "The provider took too long to answer",
    ]);
  });
});
