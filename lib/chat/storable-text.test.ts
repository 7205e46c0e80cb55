import { describe, expect, it } from "vitest";
import { storableText } from "./storable-text";

describe("storableText", () => {
  it("replaces every NUL with U+FFFD and leaves other text as it is", () => {
    expect(storableText("a\u0000b\u0000")).toBe("a\uFFFDb\uFFFD");
    expect(storableText("plain \t\n text ✓")).toBe("plain \t\n text ✓");
    expect(storableText("")).toBe("");
  });
});
