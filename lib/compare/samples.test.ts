import { describe, expect, it } from "vitest";
import { clampSamples, DEFAULT_RETRY_MS, KeyedLimiter, requestCount, retryAfterMs } from "./samples";

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
