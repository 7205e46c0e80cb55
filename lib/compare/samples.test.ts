import { describe, expect, it } from "vitest";
import {
  clampSamples,
  DEFAULT_RETRY_MS,
  drawSamples,
  KeyedLimiter,
  MAX_BUSY_RETRIES,
  requestCount,
  retryAfterMs,
  type SampleOutcome,
  type SampleRunHooks,
} from "./samples";

describe("samples", () => {
  it("clamps counts to 1–10", () => {
    expect([
      clampSamples(0),
      clampSamples(3),
      clampSamples("7"),
      clampSamples(99),
      clampSamples("x"),
    ]).toEqual([1, 3, 7, 10, 1]);
  });
  it("counts one request per sample per column", () => {
    expect(requestCount([3, 3])).toBe(6);
    expect(requestCount([4, 4, 3])).toBe(11);
  });
  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(null)).toBe(DEFAULT_RETRY_MS);
    expect(retryAfterMs("soon")).toBe(DEFAULT_RETRY_MS);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 5_000)).toBe(5_000);
  });
});

describe("KeyedLimiter", () => {
  it("runs at most max tasks per key at once, others per key independently", async () => {
    const limiter = new KeyedLimiter(2);
    const releases: (() => void)[] = [];
    let peak = 0;
    const task = (key: string) =>
      limiter.run(key, async () => {
        peak = Math.max(peak, limiter.active("a"));
        await new Promise<void>((r) => releases.push(r));
      });
    const all = [task("a"), task("a"), task("a"), task("a"), task("b")];
    await Promise.resolve();
    expect(releases).toHaveLength(3); // two of "a", one of "b"
    expect(limiter.active("a")).toBe(2);
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(limiter.active("a")).toBe(0);
  });
  it("releases the slot when a task fails", async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run("a", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await limiter.run("a", async () => 5)).toBe(5);
  });
});

/** A fake run: every sample resolves on the next tick with what `outcome` says; calls are recorded. */
function fakeRun(
  outcome: (id: string, index: number, attempt: number) => SampleOutcome = () => ({ kind: "done" }),
) {
  const calls: string[] = [];
  const waits: number[] = [];
  const running = new Set<string>();
  const attempts = new Map<string, number>();
  let peak = 0;
  const stopped = new Set<string>();
  const hooks: SampleRunHooks = {
    sample: async (id, index) => {
      if (running.has(id)) throw new Error(`two samples of ${id} at once`);
      running.add(id);
      peak = Math.max(peak, running.size);
      const key = `${id}#${index}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      calls.push(key);
      await new Promise((r) => setTimeout(r, 0));
      running.delete(id);
      return outcome(id, index, attempt);
    },
    stopped: (id) => stopped.has(id),
    wait: async (ms) => {
      waits.push(ms);
    },
    progress: () => {},
  };
  return { hooks, calls, waits, stopped, peak: () => peak };
}

describe("drawSamples", () => {
  it("draws each column's samples one after another, columns in parallel", async () => {
    const run = fakeRun();
    const done = await drawSamples(
      [
        { id: "a", providerId: "p", samples: 3 },
        { id: "b", providerId: "q", samples: 3 },
      ],
      run.hooks,
    );
    expect(Object.fromEntries(done)).toEqual({ a: 3, b: 3 });
    expect(run.calls.filter((c) => c.startsWith("a"))).toEqual(["a#0", "a#1", "a#2"]);
    expect(run.calls).toHaveLength(6);
    expect(run.peak()).toBe(2);
  });

  it("runs at most perProvider turns of one provider at once", async () => {
    const run = fakeRun();
    const cols = ["a", "b", "c", "d", "e"].map((id) => ({ id, providerId: "p", samples: 2 }));
    await drawSamples(cols, run.hooks, 3);
    expect(run.calls).toHaveLength(10);
    expect(run.peak()).toBe(3);
  });

  it("retries a sample refused with 429 after its Retry-After, then goes on", async () => {
    const run = fakeRun((id, index, attempt) =>
      id === "a" && index === 1 && attempt < 3 ? { kind: "busy", retryAfterMs: 1500 } : { kind: "done" },
    );
    const done = await drawSamples([{ id: "a", providerId: "p", samples: 3 }], run.hooks);
    expect(run.calls).toEqual(["a#0", "a#1", "a#1", "a#1", "a#2"]);
    expect(run.waits).toEqual([1500, 1500]);
    expect(done.get("a")).toBe(3);
  });

  it("gives a sample up after too many 429s", async () => {
    const run = fakeRun(() => ({ kind: "busy", retryAfterMs: 10 }));
    const done = await drawSamples([{ id: "a", providerId: "p", samples: 2 }], run.hooks);
    expect(run.calls).toHaveLength(MAX_BUSY_RETRIES + 1);
    expect(done.get("a")).toBe(0);
  });

  it("ends a column's run at an error or a stop; the other columns go on", async () => {
    const run = fakeRun((id, index) =>
      id === "a" && index === 1
        ? { kind: "error" }
        : id === "b" && index === 0
          ? { kind: "stopped" }
          : { kind: "done" },
    );
    const done = await drawSamples(
      ["a", "b", "c"].map((id) => ({ id, providerId: "p", samples: 3 })),
      run.hooks,
    );
    expect(Object.fromEntries(done)).toEqual({ a: 1, b: 0, c: 3 });
    expect(run.calls.filter((c) => c.startsWith("a"))).toEqual(["a#0", "a#1"]);
    expect(run.calls.filter((c) => c.startsWith("b"))).toEqual(["b#0"]);
  });

  it("draws nothing more once a column is stopped", async () => {
    const run = fakeRun((id, index) => {
      if (index === 0) run.stopped.add(id);
      return { kind: "done" };
    });
    const done = await drawSamples([{ id: "a", providerId: "p", samples: 5 }], run.hooks);
    expect(run.calls).toEqual(["a#0"]);
    expect(done.get("a")).toBe(1);
  });
});
