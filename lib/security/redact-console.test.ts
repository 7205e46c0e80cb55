import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact";
import { redactConsole } from "./redact-console";

const KEY = "sk-live-Qw3rTy7uIo9pAs2dFg";

function fakeConsole() {
  const lines: string[] = [];
  const write = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  const target = { log: write, info: write, warn: write, error: write, debug: write, trace: write };
  return { target: target as unknown as Console, lines };
}

describe("redactConsole", () => {
  it("redacts keys in every console method, inside format strings, objects and errors", () => {
    const { target, lines } = fakeConsole();
    redactConsole(target, createRedactor([KEY]));
    target.log("key %s", KEY);
    target.info({ headers: { authorization: `Bearer ${KEY}` } });
    target.warn(new Error(`provider said: ${KEY.slice(-8)} is invalid`));
    target.error("url", `https://x.test/?k=${encodeURIComponent(KEY)}`);
    target.debug(`${KEY.slice(0, 9)}…`);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`key ${REDACTED}`);
    for (const line of lines) {
      expect(line).toContain(REDACTED);
      for (let i = 0; i + 6 <= KEY.length; i++) expect(line).not.toContain(KEY.slice(i, i + 6));
    }
  });

  it("patches once, and not at all without keys", () => {
    const { target, lines } = fakeConsole();
    const original = target.log;
    redactConsole(target, createRedactor([]));
    expect(target.log).toBe(original);
    const r = createRedactor([KEY]);
    redactConsole(target, r);
    const patched = target.log;
    redactConsole(target, r);
    expect(target.log).toBe(patched);
    target.log("plain line");
    expect(lines).toEqual(["plain line"]);
  });
});
