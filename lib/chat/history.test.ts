import { describe, expect, it } from "vitest";
import { endsUnanswered, mergedPrompts, sameTurns, type Turn, toModelMessages } from "./history";

const row = (role: Turn["role"], content: string, reasoning: string | null = null) => ({
  role,
  content,
  reasoning,
});

describe("history sent to the provider", () => {
  it("sends answers without their reasoning", () => {
    const msgs = toModelMessages([row("user", "hi"), row("assistant", "hello", "long thoughts")]);
    expect(msgs).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
    ]);
    expect(JSON.stringify(msgs)).not.toContain("long thoughts");
  });

  it("skips empty (errored) answers and merges consecutive user turns", () => {
    const msgs = toModelMessages([row("user", "a"), row("assistant", ""), row("user", "b")]);
    expect(msgs).toEqual([{ role: "user", content: "a\n\nb" }]);
  });
});

describe("what the page says about merged prompts", () => {
  it("names the message sent together with earlier unanswered ones, and what the model got", () => {
    const rows = [
      row("user", "a"),
      row("assistant", "A"),
      row("user", "b"),
      row("assistant", " "),
      row("user", "c"),
      row("user", "d"),
      row("assistant", "D"),
    ];
    const merged = mergedPrompts(rows);
    expect([...merged.keys()]).toEqual([5]);
    expect(merged.get(5)).toEqual({ role: "user", content: "b\n\nc\n\nd", from: [2, 4, 5] });
  });

  it("a conversation ends unanswered when its last text is a prompt", () => {
    expect(endsUnanswered([])).toBe(false);
    expect(endsUnanswered([row("user", "a"), row("assistant", "A")])).toBe(false);
    expect(endsUnanswered([row("user", "a"), row("assistant", "")])).toBe(true);
    expect(endsUnanswered([row("user", "a")])).toBe(true);
  });
});

describe("sameTurns", () => {
  it("compares roles and texts in order, nothing else", () => {
    const a = [row("user", "a"), row("assistant", "A", "thoughts")];
    expect(sameTurns(a, [row("user", "a"), row("assistant", "A")])).toBe(true);
    expect(sameTurns(a, [row("user", "a")])).toBe(false);
    expect(sameTurns(a, [row("user", "a"), row("assistant", "B")])).toBe(false);
    expect(sameTurns(a, [row("assistant", "a"), row("assistant", "A")])).toBe(false);
  });
});
