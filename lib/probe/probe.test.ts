import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openTestAppDb } from "@/lib/testing/app-db";
import { getLatestProbe, latestProbeSummaries, probeKey, probeProgress, runParamProbe } from "./probe";

// The provider registry and the probes live in lib/db's database: an empty one, in memory.
await openTestAppDb("probe", { memory: true });

type StreamPart =
  Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

/** Answers the same text to everything, once `release` is called (so two callers can overlap). */
function gatedModel() {
  let release = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const model = new MockLanguageModelV4({
    doStream: async () => {
      await gate;
      const parts: StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Always this." },
        { type: "text-end", id: "t" },
        {
          type: "finish",
          usage: {
            inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 2, text: 2, reasoning: 0 },
          },
          finishReason: { unified: "stop", raw: "stop" },
        },
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
  return { model, release: () => release() };
}

describe("runParamProbe", () => {
  it("a second probe of the same model while one runs joins it; the result is stored with its date", async () => {
    const { model, release } = gatedModel();
    const deps = { createModel: () => model, now: () => 1_795_000_000_000 };
    const sel = { providerId: "offline", modelId: "offline/ngram" };
    const first = runParamProbe("local", sel, deps);
    const second = runParamProbe("local", sel, deps);
    expect(probeProgress("local", "offline", "offline/ngram")).toEqual({ done: 0, total: 11 });
    expect(probeProgress("local", "offline", "other")).toBeUndefined();
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(probeProgress("local", "offline", "offline/ngram")).toBeUndefined();
    expect(b).toBe(a);
    expect(model.doStreamCalls).toHaveLength(11);
    expect(a.verdicts.find((v) => v.param === "temperature")?.verdict).toBe("ignored");
    expect(await getLatestProbe("local", "offline", "offline/ngram")).toEqual(a);
    expect(await getLatestProbe("someone-else", "offline", "offline/ngram")).toBeUndefined();
    expect((await latestProbeSummaries("local")).get(probeKey("offline", "offline/ngram"))).toEqual({
      createdAt: 1_795_000_000_000,
      verdicts: a.verdicts.map(({ param, verdict }) => ({ param, verdict })),
    });

    // Once done, a new run makes new requests and becomes the latest.
    const again = gatedModel();
    again.release();
    const c = await runParamProbe("local", sel, {
      createModel: () => again.model,
      now: () => 1_795_000_001_000,
    });
    expect(c.id).not.toBe(a.id);
    expect((await getLatestProbe("local", "offline", "offline/ngram"))?.id).toBe(c.id);
  });

  it("refuses a provider that is not configured, naming the field", async () => {
    let err: unknown;
    try {
      await runParamProbe("local", { providerId: "p-gone", modelId: "m" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).issues).toEqual([
      { field: "providerId", message: "Provider is not configured" },
    ]);
  });
});
