import { describe, expect, it } from "vitest";
import { baseUrlProblem, createProviderSchema, patchProviderSchema } from "./provider-input";

const fieldOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("base URL", () => {
  it("accepts http(s), localhost and paths", () => {
    for (const url of [
      "http://localhost:11434/v1",
      "http://127.0.0.1:8000/v1",
      "https://api.example.com/v1",
      "http://[::1]:8080",
      "https://openrouter.ai/api/v1/",
    ]) {
      expect(baseUrlProblem(url), url).toBeUndefined();
    }
  });

  it("refuses other schemes, credentials, queries and fragments", () => {
    expect(baseUrlProblem("ftp://example.com")).toMatch(/http/);
    expect(baseUrlProblem("file:///etc/passwd")).toMatch(/http/);
    expect(baseUrlProblem("javascript:alert(1)")).toMatch(/http/);
    expect(baseUrlProblem("localhost:11434")).toMatch(/http/);
    expect(baseUrlProblem("not a url")).toMatch(/full URL/);
    expect(baseUrlProblem("https://user:pass@example.com/v1")).toMatch(/user name or password/);
    expect(baseUrlProblem("https://sk-123@example.com/v1")).toMatch(/user name or password/);
    expect(baseUrlProblem("https://example.com/v1?key=1")).toMatch(/query/);
    expect(baseUrlProblem("https://example.com/v1#x")).toMatch(/query/);
  });
});

describe("createProviderSchema", () => {
  it("trims, drops trailing slashes and allows no key", () => {
    const r = createProviderSchema.parse({
      name: " Local ",
      baseUrl: " http://localhost:11434/v1// ",
      apiKey: "",
    });
    expect(r).toEqual({ name: "Local", baseUrl: "http://localhost:11434/v1", apiKey: "" });
  });

  it("names the bad field", () => {
    expect(fieldOf(createProviderSchema.safeParse({ name: "", baseUrl: "http://x" }))).toEqual([
      "name: Name is required",
    ]);
    expect(fieldOf(createProviderSchema.safeParse({ name: "A", baseUrl: "ftp://x" }))).toEqual([
      "baseUrl: Base URL must start with http:// or https://",
    ]);
    expect(
      fieldOf(createProviderSchema.safeParse({ name: "A", baseUrl: "http://x", apiKey: "a b" })),
    ).toEqual(["apiKey: API key must be printable characters without spaces"]);
    expect(createProviderSchema.safeParse({ name: "A", baseUrl: "http://x", extra: 1 }).success).toBe(false);
  });
});

describe("patchProviderSchema", () => {
  it("keeps, replaces or removes the key", () => {
    expect(patchProviderSchema.parse({ name: "B" })).toEqual({ name: "B" });
    expect(patchProviderSchema.parse({ apiKey: null })).toEqual({ apiKey: null });
    expect(patchProviderSchema.parse({ apiKey: " sk-1234 " })).toEqual({ apiKey: "sk-1234" });
    expect(fieldOf(patchProviderSchema.safeParse({ apiKey: "" }))).toEqual([
      "apiKey: API key cannot be empty",
    ]);
    expect(fieldOf(patchProviderSchema.safeParse({}))).toEqual(["body: Nothing to change"]);
  });
});
