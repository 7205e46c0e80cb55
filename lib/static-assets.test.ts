import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assetUrl, STATIC_ASSETS } from "./static-assets";

describe("static assets", () => {
  it("each versioned URL names the current content of its file (immutable caching stays honest)", () => {
    for (const asset of Object.values(STATIC_ASSETS)) {
      const content = fs.readFileSync(path.join(import.meta.dirname, "..", "public", asset.file));
      const hash = createHash("sha256").update(content).digest("hex");
      expect(
        hash.startsWith(asset.version),
        `${asset.file}: update its version to ${hash.slice(0, 10)}`,
      ).toBe(true);
      expect(assetUrl(asset)).toBe(`/${asset.file}?v=${asset.version}`);
    }
  });

  it("the stylesheet links each font at its versioned URL (and no other /fonts/ URL)", () => {
    const css = fs.readFileSync(path.join(import.meta.dirname, "..", "app", "globals.css"), "utf8");
    const linked = [...css.matchAll(/url\("(\/fonts\/[^"]+)"\)/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual(
      [assetUrl(STATIC_ASSETS.fontMono), assetUrl(STATIC_ASSETS.fontSans)].sort(),
    );
  });
});
