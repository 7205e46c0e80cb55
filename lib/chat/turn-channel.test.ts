import { describe, expect, it, vi } from "vitest";
import { ActiveTurns } from "./active-turns";
import { localTurnChannel, turnChannel } from "./turn-channel";

// Without REDIS_URL no Redis code may load: importing the Redis channel fails this test.
vi.mock("./turn-channel-redis", () => {
  throw new Error("the Redis turn channel was loaded without REDIS_URL");
});

describe("turn channel without REDIS_URL", () => {
  it("is this process's turns only, and loads no Redis code", async () => {
    expect(process.env.REDIS_URL ?? "").toBe("");
    const channel = await turnChannel();
    expect(channel.shared).toBe(false);
    expect(await turnChannel()).toBe(channel);
  });

  it("stops this process's turns of the owner, resumes nothing of other processes", async () => {
    const turns = new ActiveTurns();
    const channel = localTurnChannel(turns);
    const mine = new AbortController();
    const theirs = new AbortController();
    turns.add("c1", { ownerId: "alice", messageId: "m1", controller: mine });
    turns.add("c1", { ownerId: "bob", messageId: "m2", controller: theirs });
    expect(await channel.stop("alice", "c1")).toEqual(["m1"]);
    expect(mine.signal.aborted).toBe(true);
    expect(theirs.signal.aborted).toBe(false);
    expect(await channel.resume("m2")).toBeUndefined();
  });
});
