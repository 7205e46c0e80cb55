import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, allowedMethods, matchApiRoute } from "./api-routes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** app/api/**\/route.ts → "/api/…" pattern and the HTTP methods the file exports. */
function routeFiles(dir: string): { pattern: string; methods: string[] }[] {
  const out: { pattern: string; methods: string[] }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const exported = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+([A-Z]+)\b/g)) {
        exported.add(m[1]);
      }
      for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) {
        for (const name of m[1].split(","))
          exported.add(
            name
              .trim()
              .split(/\s*:\s*/)
              .at(-1) ?? "",
          );
      }
      const pattern = `/${path.relative(path.join(ROOT, "app"), dir).split(path.sep).join("/")}`;
      out.push({ pattern, methods: METHODS.filter((m) => exported.has(m)) });
    }
  }
  return out;
}

describe("API route table", () => {
  const files = routeFiles(path.join(ROOT, "app", "api"));

  it("lists exactly the routes in app/api with the methods each exports", () => {
    const fromFiles = Object.fromEntries(
      files.filter((f) => !f.pattern.includes("[...")).map((f) => [f.pattern, f.methods]),
    );
    const fromTable = Object.fromEntries(Object.entries(API_ROUTES).map(([p, m]) => [p, [...m].sort()]));
    for (const methods of Object.values(fromFiles)) methods.sort();
    expect(fromTable).toEqual(fromFiles);
  });

  it("has a catch-all that answers every method for unknown API paths", () => {
    const catchAll = files.find((f) => f.pattern === "/api/[...path]");
    expect(catchAll?.methods.sort()).toEqual([...METHODS].sort());
  });
});

describe("matchApiRoute", () => {
  it("prefers static segments over parameters, as Next does", () => {
    expect(matchApiRoute("/api/conversations/import")).toBe("/api/conversations/import");
    expect(matchApiRoute("/api/conversations/abc")).toBe("/api/conversations/[id]");
    expect(matchApiRoute("/api/comparisons/a/columns/b/continue")).toBe(
      "/api/comparisons/[id]/columns/[columnId]/continue",
    );
  });

  it("does not match unknown paths, extra segments or empty parameters", () => {
    expect(matchApiRoute("/api/nope")).toBeUndefined();
    expect(matchApiRoute("/api/conversations/a/b")).toBeUndefined();
    expect(matchApiRoute("/api/conversations//export")).toBeUndefined();
  });

  it("lists HEAD with GET, and OPTIONS always", () => {
    expect(allowedMethods("/api/conversations/[id]")).toEqual(["GET", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/chat")).toEqual(["POST", "OPTIONS"]);
  });
});
