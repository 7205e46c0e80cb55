import { describe, expect, it } from "vitest";
import { loginUrl, safeNextPath } from "./redirect";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeNextPath("/c/abc")).toBe("/c/abc");
    expect(safeNextPath("/compare/x?y=1#z")).toBe("/compare/x?y=1#z");
  });

  it("turns anything that could leave the site into /", () => {
    for (const raw of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "evil",
      "",
      null,
      undefined,
      "/%0a/evil",
    ]) {
      const out = safeNextPath(raw);
      expect(out.startsWith("/") && !out.startsWith("//"), String(raw)).toBe(true);
      expect(new URL(out, "http://app.local").origin, String(raw)).toBe("http://app.local");
    }
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
  });

  it("never sends back to the login page or an API", () => {
    expect(safeNextPath("/login?next=/x")).toBe("/");
    expect(safeNextPath("/api/conversations")).toBe("/");
  });
});

describe("loginUrl", () => {
  it("carries the page asked for", () => {
    expect(loginUrl("/c/abc?x=1")).toBe("/login?next=%2Fc%2Fabc%3Fx%3D1");
    expect(loginUrl("/")).toBe("/login");
  });
});
