import type { UIMessageChunk } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findRedisServer, startTestRedis, type TestRedis } from "@/lib/testing/redis-server";
import { ActiveTurns } from "./active-turns";
import { ReplayStream } from "./replay-stream";
import type { TurnChannel } from "./turn-channel";
import { createRedisTurnChannel } from "./turn-channel-redis";
import { sseEvent, turnResponse } from "./turn-response";

/**
 * Two "instances" (each a channel of its own, with its own turns) on a real redis-server started here.
 * Skipped when redis-server is not installed (CI installs it).
 */
const hasRedis = findRedisServer() !== undefined;
if (!hasRedis) console.warn("turn-channel-redis.test.ts: skipped, redis-server is not installed");
let redis: TestRedis | undefined;
beforeAll(async () => {
  if (hasRedis) redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const opened: TurnChannel[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

function instance(prefix: string, logs: string[] = []) {
  const turns = new ActiveTurns();
  const channel = createRedisTurnChannel({
    url: (redis as TestRedis).url,
    turns,
    keyPrefix: prefix,
    log: (m) => logs.push(m),
  });
  opened.push(channel);
  return { turns, channel };
}

/** A turn's stream the test feeds by hand. */
function turnStream() {
  const replay = new ReplayStream<string>();
  return {
    replay,
    delta: (delta: string) => replay.push(sseEvent({ type: "text-delta", id: "t", delta })),
    push: (chunk: UIMessageChunk) => replay.push(sseEvent(chunk)),
    end: () => replay.close(),
  };
}

/** Reads a text stream, letting the test wait until some text has arrived. */
function textReader(stream: ReadableStream<string>) {
  const reader = stream.getReader();
  let text = "";
  const done = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
    return text;
  })();
  return {
    done,
    until: (part: string) => vi.waitFor(() => expect(text).toContain(part), { timeout: 5_000 }),
    cancel: () => reader.cancel(),
  };
}

let n = 0;
const prefix = () => `test-${process.pid}-${++n}`;

describe.skipIf(!hasRedis)("Redis turn channel", () => {
  it("a turn published on one instance is resumed on another: from its first byte, then live, the bytes of its response", async () => {
    const p = prefix();
    const a = instance(p);
    const b = instance(p);
    const turn = turnStream();
    // What the POST response on the first instance sends.
    const local = turnResponse(turn.replay).text();
    turn.push({ type: "start", messageId: "m1" });
    turn.push({ type: "text-start", id: "t" });
    turn.delta("Hello");
    await a.channel.publish("m1", turn.replay);

    const stream = await b.channel.resume("m1");
    expect(stream).toBeDefined();
    const resumed = textReader(stream as ReadableStream<string>);
    await resumed.until('"delta":"Hello"');
    // Live: what is generated after the other instance joined reaches it.
    turn.delta(" world");
    await resumed.until('"delta":" world"');
    turn.push({ type: "text-end", id: "t" });
    turn.push({ type: "finish" });
    turn.end();

    const sent = await local;
    expect(sent).toContain("data: [DONE]");
    expect(await resumed.done).toBe(sent);
  });

  it("a late resumer gets everything from the start; once the turn has ended there is nothing to resume", async () => {
    const p = prefix();
    const a = instance(p);
    const b = instance(p);
    const turn = turnStream();
    const local = turnResponse(turn.replay).text();
    await a.channel.publish("m2", turn.replay);
    const words = Array.from({ length: 200 }, (_, i) => `w${i} `);
    turn.push({ type: "start", messageId: "m2" });
    turn.push({ type: "text-start", id: "t" });
    for (const w of words) turn.delta(w);

    const early = textReader((await b.channel.resume("m2")) as ReadableStream<string>);
    await early.until('"delta":"w199 "');
    const late = textReader((await b.channel.resume("m2")) as ReadableStream<string>);
    await late.until('"delta":"w199 "');
    expect(await b.channel.resume("unknown")).toBeUndefined();

    turn.push({ type: "text-end", id: "t" });
    turn.end();
    const sent = await local;
    expect(await early.done).toBe(sent);
    expect(await late.done).toBe(sent);
    expect(await b.channel.resume("m2")).toBeUndefined();
  });

  it("a turn whose instance is gone is not resumed (no instance answers)", async () => {
    const p = prefix();
    const a = instance(p);
    const b = instance(p);
    const turn = turnStream();
    turn.push({ type: "start", messageId: "m3" });
    await a.channel.publish("m3", turn.replay);
    await a.channel.close();
    expect(await b.channel.resume("m3")).toBeUndefined();
    turn.end();
  });

  it("a stop sent through one instance stops the owner's turn on another, and only the owner's", async () => {
    const p = prefix();
    const a = instance(p);
    const b = instance(p);
    const alice = new AbortController();
    const mallory = new AbortController();
    a.turns.add("c1", { ownerId: "alice", messageId: "m-alice", controller: alice });
    a.turns.add("c1", { ownerId: "mallory", messageId: "m-mallory", controller: mallory });
    const aborted = new Promise((resolve) => alice.signal.addEventListener("abort", resolve));
    await a.channel.publish("m-alice", turnStream().replay); // connects a's channel and its stop listener

    // Nothing of alice's streams on b itself.
    expect(await b.channel.stop("alice", "c1")).toEqual([]);
    await aborted;
    expect(alice.signal.reason).toMatchObject({ name: "AbortError" });
    // The same message was judged for both turns: mallory's is untouched.
    expect(mallory.signal.aborted).toBe(false);
    // And a stop through the instance that streams it answers its ids at once.
    expect(await a.channel.stop("mallory", "c1")).toEqual(["m-mallory"]);
  });

  it("Redis down: chatting goes on here (publish, resume and stop give up at once, nothing rejects); back once Redis is", async () => {
    const p = prefix();
    const logsA: string[] = [];
    const a = instance(p, logsA);
    const b = instance(p);
    const turn = turnStream();
    const local = turnResponse(turn.replay).text();
    turn.push({ type: "start", messageId: "m4" });
    turn.push({ type: "text-start", id: "t" });
    turn.delta("before");
    await a.channel.publish("m4", turn.replay);
    const resumed = textReader((await b.channel.resume("m4")) as ReadableStream<string>);
    await resumed.until('"delta":"before"');

    await redis?.kill();
    // The turn streams on to its end on its own instance, its copies to Redis failing quietly.
    for (let i = 0; i < 20; i++) turn.delta(`during${i}`);
    turn.push({ type: "text-end", id: "t" });
    turn.end();
    expect(await local).toContain('"delta":"during19"');
    await resumed.cancel();

    const other = turnStream();
    await a.channel.publish("m5", other.replay);
    expect(await b.channel.resume("m5")).toBeUndefined();
    const controller = new AbortController();
    a.turns.add("c2", { ownerId: "alice", messageId: "m6", controller });
    expect(await a.channel.stop("alice", "c2")).toEqual(["m6"]);
    expect(controller.signal.aborted).toBe(true);
    // One line for the outage, not one per failed command.
    expect(logsA.filter((l) => l.startsWith("Redis unreachable"))).toHaveLength(1);

    await redis?.start();
    await vi.waitFor(() => expect(logsA).toContain("Redis reachable again"), { timeout: 10_000 });
    // Stops flow again (the subscription came back with the connection), and so do resumes.
    const again = new AbortController();
    a.turns.add("c3", { ownerId: "alice", messageId: "m7", controller: again });
    const stopped = new Promise((resolve) => again.signal.addEventListener("abort", resolve));
    await vi.waitFor(
      async () => {
        await b.channel.stop("alice", "c3");
        expect(again.signal.aborted).toBe(true);
      },
      { timeout: 10_000 },
    );
    await stopped;
    const next = turnStream();
    next.push({ type: "start", messageId: "m8" });
    await a.channel.publish("m8", next.replay);
    const back = textReader((await b.channel.resume("m8")) as ReadableStream<string>);
    await back.until('"type":"start"');
    next.end();
    await back.done;
    other.end();
  });
});
