import { describe, expect, it } from "vitest";
import type { MessageRow } from "@/db/schema";
import { toModelMessages } from "./history";

const row = (role: "user" | "assistant", content: string, reasoning: string | null = null) =>
  ({ role, content, reasoning }) as MessageRow;

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
