import { describe, expect, it } from "vitest";
import { classifyImageSource, MAX_DATA_IMAGE_CHARS, safeMarkdownUrl } from "./untrusted-url";

describe("safeMarkdownUrl", () => {
  it.each([
    "https://example.com/a?b=c",
    "http://example.com",
    "mailto:a@b.c",
    "tel:+123",
    "/relative/path",
    "#section",
    "//example.com/protocol-relative",
    "streamdown:incomplete-link",
  ])("keeps %s", (url) => {
    expect(safeMarkdownUrl(url, "href")).toBe(url);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav\u0000ascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "\\\\evil.example\\share",
  ])("drops %j", (url) => {
    expect(safeMarkdownUrl(url, "href")).toBeNull();
  });

  it("allows data images as an image source only", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(safeMarkdownUrl(png, "src")).toBe(png);
    expect(safeMarkdownUrl(png, "href")).toBeNull();
    expect(safeMarkdownUrl("data:image/svg+xml;utf8,<svg/>", "src")).not.toBeNull();
    expect(safeMarkdownUrl("data:text/html,<svg/>", "src")).toBeNull();
  });
});

describe("classifyImageSource", () => {
  it("names the host of a remote image", () => {
    expect(classifyImageSource("https://evil.invalid/x.png?d=secret")).toEqual({
      kind: "remote",
      src: "https://evil.invalid/x.png?d=secret",
      host: "evil.invalid",
      loadable: true,
    });
    // The page's CSP allows https images only; an http or protocol-relative one can only be opened.
    expect(classifyImageSource("//203.0.113.7:8443/p.png")).toMatchObject({
      host: "203.0.113.7:8443",
      loadable: false,
    });
    expect(classifyImageSource("http://example.com/p.png")).toMatchObject({ loadable: false });
  });

  it("treats a relative source as a request to this site, still behind a click", () => {
    expect(classifyImageSource("/api/conversations")).toEqual({
      kind: "remote",
      src: "/api/conversations",
      host: null,
      loadable: true,
    });
  });

  it("shows small data images inline and refuses huge ones", () => {
    expect(classifyImageSource("data:image/gif;base64,R0lGOD")).toEqual({
      kind: "inline",
      src: "data:image/gif;base64,R0lGOD",
    });
    const huge = `data:image/png;base64,${"A".repeat(MAX_DATA_IMAGE_CHARS)}`;
    expect(classifyImageSource(huge)).toEqual({ kind: "none", reason: "too-large" });
  });

  it("has nothing to show for streaming, empty or unsafe sources", () => {
    expect(classifyImageSource("streamdown:incomplete-image")).toEqual({
      kind: "none",
      reason: "incomplete",
    });
    expect(classifyImageSource(undefined)).toMatchObject({ kind: "none" });
    expect(classifyImageSource("javascript:alert(1)")).toMatchObject({ kind: "none", reason: "unsafe" });
  });
});
