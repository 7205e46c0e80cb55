import { describe, expect, it, vi } from "vitest";
import { ReplayStream } from "./replay-stream";

/** A source the test feeds by hand. */
function source<T>() {
  let controller!: ReadableStreamDefaultController<T>;
  const stream = new ReadableStream<T>({ start: (c) => (controller = c) });
  return { stream, push: (v: T) => controller.enqueue(v), end: () => controller.close() };
}

async function readAll<T>(s: ReadableStream<T>): Promise<T[]> {
  const reader = s.getReader();
  const out: T[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

describe("ReplayStream", () => {
  it("a reader joining late gets every chunk from the first, then the rest live", async () => {
    const src = source<number>();
    const replay = new ReplayStream(src.stream);
    const early = readAll(replay.subscribe());
    src.push(1);
    src.push(2);
    await vi.waitFor(() => expect(replay.length).toBe(2));
    const late = readAll(replay.subscribe());
    src.push(3);
    src.end();
    expect(await early).toEqual([1, 2, 3]);
    expect(await late).toEqual([1, 2, 3]);
    expect(replay.done).toBe(true);
  });

  it("the source is read to its end when every reader has gone", async () => {
    const src = source<string>();
    const replay = new ReplayStream(src.stream);
    const reader = replay.subscribe().getReader();
    src.push("a");
    expect((await reader.read()).value).toBe("a");
    await reader.cancel();
    src.push("b");
    src.push("c");
    src.end();
    await replay.finished;
    expect(replay.length).toBe(3);
    expect(await readAll(replay.subscribe())).toEqual(["a", "b", "c"]);
  });

  it("a failing source ends its readers after what it sent", async () => {
    let controller!: ReadableStreamDefaultController<number>;
    const replay = new ReplayStream(new ReadableStream<number>({ start: (c) => (controller = c) }));
    const all = readAll(replay.subscribe());
    controller.enqueue(7);
    controller.error(new Error("boom"));
    expect(await all).toEqual([7]);
    await replay.finished;
    expect(replay.done).toBe(true);
  });
});
