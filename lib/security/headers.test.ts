import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, referrerPolicy, securityHeaders } from "./headers";

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe("contentSecurityPolicy", () => {
  it("allows scripts only from self with this request's nonce, never inline or eval in production", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123" }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("has the required lockdown directives", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n" }));
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["img-src"]).toEqual(["'self'", "data:", "blob:", "https:"]);
    expect(d["connect-src"]).toEqual(["'self'"]);
  });

  it("allows no remote image at all on share pages (they have no Load image button)", () => {
    const share = directives(securityHeaders("/share/tok", "n")["content-security-policy"]);
    expect(share["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    const chat = directives(securityHeaders("/c/1", "n")["content-security-policy"]);
    expect(chat["img-src"]).toContain("https:");
  });

  it("adds eval only for the development server", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true }))["script-src"]).toContain(
      "'unsafe-eval'",
    );
  });
});

describe("security headers", () => {
  it("uses no-referrer on share pages only", () => {
    expect(referrerPolicy("/share/abc")).toBe("no-referrer");
    expect(referrerPolicy("/")).toBe("strict-origin-when-cross-origin");
    expect(referrerPolicy("/shares")).toBe("strict-origin-when-cross-origin");
  });

  it("sets nosniff and DENY framing, with a fresh nonce in the CSP", () => {
    const h = securityHeaders("/c/1", "nonce-value");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-dns-prefetch-control"]).toBe("off");
    expect(h["content-security-policy"]).toContain("'nonce-nonce-value'");
  });
});
