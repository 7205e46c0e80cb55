import { describe, expect, it, vi } from "vitest";
import { ReplayStream } from "./replay-stream";

async function readAll<T>(s: ReadableStream<T>): Promise<T[]> {
  const reader = s.getReader();
  const out: T[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

const each = <T>(chunks: T[]) => chunks;

describe("ReplayStream", () => {
  it("a reader joining late gets every chunk from the first, then the rest live", async () => {
    const replay = new ReplayStream<number>();
    const early = readAll(replay.subscribe(each));
    replay.push(1);
    replay.push(2);
    const late = readAll(replay.subscribe(each));
    await vi.waitFor(() => expect(replay.length).toBe(2));
    replay.push(3);
    replay.close();
    expect((await early).flat()).toEqual([1, 2, 3]);
    expect((await late).flat()).toEqual([1, 2, 3]);
    expect(replay.done).toBe(true);
  });

  it("a reader that fell behind gets everything since its last read in one batch, then the end marker", async () => {
    const replay = new ReplayStream<string>();
    const reader = replay.subscribe((c) => c.join("|"), "END").getReader();
    replay.push("a");
    expect((await reader.read()).value).toBe("a");
    replay.push("b");
    replay.push("c");
    replay.close();
    expect((await reader.read()).value).toBe("b|c");
    expect((await reader.read()).value).toBe("END");
    expect((await reader.read()).done).toBe(true);
  });

  it("writing goes on when every reader has gone; a reader joining later gets all of it", async () => {
    const replay = new ReplayStream<string>();
    const reader = replay.subscribe(each).getReader();
    replay.push("a");
    expect((await reader.read()).value).toEqual(["a"]);
    await reader.cancel();
    replay.push("b");
    replay.close();
    replay.push("ignored after close");
    await replay.finished;
    expect(replay.length).toBe(2);
    expect((await readAll(replay.subscribe(each))).flat()).toEqual(["a", "b"]);
  });
});
