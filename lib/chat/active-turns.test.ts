import { describe, expect, it } from "vitest";
import { ActiveTurns } from "./active-turns";

const turn = (ownerId: string, messageId: string) => ({
  ownerId,
  messageId,
  controller: new AbortController(),
});

describe("ActiveTurns", () => {
  it("stops the owner's turns of a conversation and no other", () => {
    const turns = new ActiveTurns();
    const a = turn("local", "a1");
    const b = turn("local", "b1");
    turns.add("c1", a);
    turns.add("c2", b);
    expect(turns.stop("local", "c1")).toEqual(["a1"]);
    expect(a.controller.signal.aborted).toBe(true);
    expect(b.controller.signal.aborted).toBe(false);
  });

  it("does not stop another owner's turn, nor a finished one", () => {
    const turns = new ActiveTurns();
    const a = turn("alice", "a1");
    const remove = turns.add("c1", a);
    expect(turns.stop("mallory", "c1")).toEqual([]);
    expect(a.controller.signal.aborted).toBe(false);
    remove();
    expect(turns.stop("alice", "c1")).toEqual([]);
    expect(a.controller.signal.aborted).toBe(false);
    expect(turns.size).toBe(0);
  });

  it("keeps two turns of one conversation apart: removing one leaves the other stoppable", () => {
    const turns = new ActiveTurns();
    const first = turn("local", "m1");
    const second = turn("local", "m2");
    const removeFirst = turns.add("c1", first);
    turns.add("c1", second);
    expect(turns.size).toBe(2);
    removeFirst();
    expect(turns.stop("local", "c1")).toEqual(["m2"]);
    expect(first.controller.signal.aborted).toBe(false);
  });
});
