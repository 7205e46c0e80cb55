import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleCollector } from "./idle-collector";

const MB = 1024 * 1024;

function collector(heap = { total: 68 * MB, used: 52 * MB }) {
  const collect = vi.fn();
  const c = new IdleCollector({ quietMs: 10_000, minFreeBytes: 10 * MB, heap: () => heap, collect });
  return { c, collect, heap };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("IdleCollector", () => {
  it("collects once the last running turn has been over for the quiet time", () => {
    const { c, collect } = collector();
    const a = c.hold();
    const b = c.hold();
    a();
    vi.advanceTimersByTime(60_000);
    expect(collect).not.toHaveBeenCalled();
    b();
    vi.advanceTimersByTime(9_999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("a turn starting in the quiet time puts the collection off until it ends", () => {
    const { c, collect } = collector();
    c.hold()();
    vi.advanceTimersByTime(5_000);
    const next = c.hold();
    vi.advanceTimersByTime(60_000);
    expect(collect).not.toHaveBeenCalled();
    next();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("does not collect when little of the heap is empty (V8 has given it back already)", () => {
    const { c, collect, heap } = collector({ total: 48 * MB, used: 45 * MB });
    c.hold()();
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
    heap.total = 60 * MB;
    c.hold()();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("a release called twice counts once", () => {
    const { c, collect } = collector();
    const a = c.hold();
    c.hold();
    a();
    a();
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
  });
});
