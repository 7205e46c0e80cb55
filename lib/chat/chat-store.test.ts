import { describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import { ChatStore } from "./chat-store";

const message = (id: string, text: string): ChatUIMessage => ({
  id,
  role: "assistant",
  parts: [{ type: "text", text }],
  metadata: { status: "streaming" } as ChatUIMessage["metadata"],
});

describe("ChatStore", () => {
  it("starts ready with the conversation's messages", () => {
    const first = message("a", "hello");
    const store = new ChatStore([first]);
    expect(store.getSnapshot()).toEqual({ messages: [first], status: "ready", error: undefined });
  });

  it("makes a new snapshot per change and tells listeners whether it is urgent", () => {
    const store = new ChatStore([]);
    const calls: boolean[] = [];
    store.subscribe((urgent) => calls.push(urgent));
    const before = store.getSnapshot();
    store.pushMessage(message("a", "hi"));
    store.status = "streaming";
    store.error = new Error("boom");
    store.popMessage();
    store.messages = [message("b", "x")];
    expect(calls).toEqual([false, true, true, false, false]);
    expect(store.getSnapshot()).not.toBe(before);
    expect(before.messages).toEqual([]);
    expect(store.messages.map((m) => m.id)).toEqual(["b"]);
  });

  it("replaces a streamed message with a copy, keeping every other message's identity", () => {
    const kept = message("a", "done");
    const live = message("b", "");
    const store = new ChatStore([kept, live]);
    // The SDK keeps mutating the message it streams into: the store must not share its parts.
    const streaming = message("b", "partial");
    store.replaceMessage(1, streaming);
    (streaming.parts[0] as { text: string }).text = "mutated later";
    const [first, second] = store.messages;
    expect(first).toBe(kept);
    expect(second).not.toBe(streaming);
    expect(second.parts[0]).toEqual({ type: "text", text: "partial" });
    expect(second.metadata).not.toBe(streaming.metadata);
  });

  it("stops telling a listener once it unsubscribes", () => {
    const store = new ChatStore([]);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.status = "submitted";
    unsubscribe();
    store.status = "ready";
    expect(calls).toBe(1);
  });

  it("until() resolves when the status gets there, at once when it is there", async () => {
    const store = new ChatStore([]);
    await store.until((s) => s === "ready");
    let reached = false;
    const streaming = store
      .until((s) => s === "streaming")
      .then(() => {
        reached = true;
      });
    store.status = "submitted";
    await Promise.resolve();
    expect(reached).toBe(false);
    store.status = "streaming";
    await streaming;
    expect(reached).toBe(true);
  });
});
