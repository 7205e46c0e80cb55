import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { ActiveTurns } from "./active-turns";
import { ReplayStream } from "./replay-stream";
import { resumeTurn, stopTurn, type TurnAccessDeps } from "./turn-access";
import type { TurnChannel } from "./turn-channel";
import { sseEvent } from "./turn-response";

const fast = { offerWaitMs: 300, pollMs: 10, checkMs: 20, graceMs: 20, stopWaitMs: 300, stopResendMs: 50 };

/** A text stream the test feeds by hand. */
function textSource() {
  let controller!: ReadableStreamDefaultController<string>;
  const stream = new ReadableStream<string>({ start: (c) => (controller = c) });
  return { stream, push: (t: string) => controller.enqueue(t), end: () => controller.close() };
}

/**
 * A world of instances: the answers stored as streaming (the database), and another instance reached
 * through the channel, which offers the streams in `offered` and stops what `onRemoteStop` says.
 */
function world(opts: { shared?: boolean } = {}) {
  const streaming = new Map<string, string[]>(); // conversation → answer ids
  const offered = new Map<string, ReadableStream<string>>();
  const turns = new ActiveTurns();
  const resumeCalls: string[] = [];
  const stopCalls: string[] = [];
  const lookups = { count: 0 };
  let onRemoteStop: (conversationId: string) => void = () => {};
  const channel: TurnChannel = {
    shared: opts.shared ?? true,
    publish: async () => {},
    resume: async (id) => {
      resumeCalls.push(id);
      return offered.get(id);
    },
    stop: async (ownerId, conversationId) => {
      stopCalls.push(conversationId);
      onRemoteStop(conversationId);
      return turns.stop(ownerId, conversationId);
    },
    close: async () => {},
  };
  const deps: TurnAccessDeps = {
    turns,
    channel,
    streamingAnswers: async (ownerId, conversationId) => {
      lookups.count++;
      return ownerId === "alice" ? (streaming.get(conversationId) ?? []) : [];
    },
    timing: fast,
  };
  return {
    deps,
    streaming,
    offered,
    turns,
    resumeCalls,
    stopCalls,
    lookups,
    onRemoteStop: (f: (conversationId: string) => void) => {
      onRemoteStop = f;
    },
  };
}

describe("resumeTurn", () => {
  it("reattaches to this process's turn from its first chunk", async () => {
    const w = world();
    const replay = new ReplayStream<string>();
    replay.push(sseEvent({ type: "start", messageId: "m1" }));
    replay.close();
    w.turns.add("c1", {
      ownerId: "alice",
      messageId: "m1",
      controller: new AbortController(),
      stream: replay,
    });
    const res = await resumeTurn("alice", "c1", w.deps);
    expect(res?.headers.get("content-type")).toBe("text/event-stream");
    expect(await res?.text()).toBe('data: {"type":"start","messageId":"m1"}\n\ndata: [DONE]\n\n');
    expect(w.resumeCalls).toEqual([]);
    expect(await resumeTurn("mallory", "c1", w.deps)).toBeUndefined();
  });

  it("relays another instance's turn, found by the owner's streaming answer, once it is offered", async () => {
    const w = world();
    w.streaming.set("c1", ["old", "m1"]);
    const src = textSource();
    setTimeout(() => w.offered.set("m1", src.stream), 50);
    const res = await resumeTurn("alice", "c1", w.deps);
    expect(w.resumeCalls.every((id) => id === "m1")).toBe(true);
    expect(w.resumeCalls.length).toBeGreaterThan(1);
    expect(res?.headers.get("content-type")).toBe("text/event-stream");
    expect(res?.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(res?.headers.get("cache-control")).toBe("no-cache, no-transform");
    src.push('data: {"type":"start"}\n\n');
    src.push("data: [DONE]\n\n");
    src.end();
    expect(await res?.text()).toBe('data: {"type":"start"}\n\ndata: [DONE]\n\n');
  });

  it("nothing to resume: no streaming answer, another owner's, no shared channel, or never offered", async () => {
    const w = world();
    expect(await resumeTurn("alice", "c1", w.deps)).toBeUndefined();
    expect(w.resumeCalls).toEqual([]);
    w.streaming.set("c1", ["m1"]);
    w.offered.set("m1", textSource().stream);
    expect(await resumeTurn("mallory", "c1", w.deps)).toBeUndefined();
    expect(await resumeTurn("alice", "c1", world({ shared: false }).deps)).toBeUndefined();
    // Stored as streaming but offered by no instance (its instance died): given up after the wait.
    w.offered.clear();
    const started = Date.now();
    expect(await resumeTurn("alice", "c1", w.deps)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(fast.offerWaitMs);
  });

  it("stops waiting for an offer once the answer is no longer streaming", async () => {
    const w = world();
    w.streaming.set("c1", ["m1"]);
    setTimeout(() => w.streaming.set("c1", []), 30);
    const started = Date.now();
    expect(await resumeTurn("alice", "c1", w.deps)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(fast.offerWaitMs);
  });

  it("a relayed stream ends once its answer is stored as ended and nothing more comes (its instance died)", async () => {
    const w = world();
    w.streaming.set("c1", ["m1"]);
    const src = textSource();
    w.offered.set("m1", src.stream);
    const res = await resumeTurn("alice", "c1", w.deps);
    src.push("data: partial\n\n");
    const text = res?.text();
    let settled = false;
    void text?.then(() => (settled = true));
    // Still stored as streaming: the relay keeps waiting, check after check.
    const seen = w.lookups.count;
    await vi.waitFor(() => expect(w.lookups.count).toBeGreaterThan(seen + 3));
    expect(settled).toBe(false);
    // Marked interrupted by another instance after the lease.
    w.streaming.set("c1", []);
    expect(await text).toBe("data: partial\n\n");
  });
});

describe("stopTurn", () => {
  it("stops this process's turn at once, only the owner's", async () => {
    const w = world();
    const controller = new AbortController();
    w.turns.add("c1", { ownerId: "alice", messageId: "m1", controller });
    w.streaming.set("c1", ["m1"]);
    await expect(stopTurn("mallory", "c1", w.deps)).rejects.toMatchObject({ status: 404 });
    expect(controller.signal.aborted).toBe(false);
    expect(await stopTurn("alice", "c1", w.deps)).toEqual(["m1"]);
    expect(controller.signal.aborted).toBe(true);
  });

  it("404 when nothing streams anywhere", async () => {
    const err = await stopTurn("alice", "c1", world().deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 404, message: "No answer is streaming in this conversation" });
  });

  it("another instance's turn: answers once it is stored as ended, sending the stop again meanwhile", async () => {
    const w = world();
    w.streaming.set("c1", ["m1"]);
    let heard = 0;
    // The other instance misses the first two requests (e.g. its turn was not listed yet), then stops it.
    w.onRemoteStop((c) => {
      if (++heard === 3) setTimeout(() => w.streaming.set(c, []), 20);
    });
    expect(await stopTurn("alice", "c1", w.deps)).toEqual(["m1"]);
    expect(w.stopCalls.length).toBeGreaterThanOrEqual(3);
  });

  it("409 when the instance streaming it does not stop it in time", async () => {
    const w = world();
    w.streaming.set("c1", ["m1"]);
    const started = Date.now();
    await expect(stopTurn("alice", "c1", w.deps)).rejects.toMatchObject({ status: 409 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(fast.stopWaitMs);
    expect(w.stopCalls.length).toBeGreaterThan(2);
  });

  it("without a shared channel, another process's answer is not this one's to stop (404)", async () => {
    const w = world({ shared: false });
    w.streaming.set("c1", ["m1"]);
    await expect(stopTurn("alice", "c1", w.deps)).rejects.toMatchObject({ status: 404 });
  });
});
