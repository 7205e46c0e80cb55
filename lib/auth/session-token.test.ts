import { describe, expect, it } from "vitest";
import {
  createSessionToken,
  passwordMatches,
  SESSION_MAX_AGE_SECONDS,
  sessionCookie,
  sessionKey,
  verifySessionToken,
} from "./session-token";

const secret = "s".repeat(43);
const key = sessionKey(secret, "correct horse");
const now = Date.UTC(2026, 0, 1);

describe("session tokens", () => {
  it("verifies a token it signed, and each sign-in gets a different one", () => {
    const a = createSessionToken(key, now);
    const b = createSessionToken(key, now);
    expect(a).not.toBe(b);
    expect(verifySessionToken(key, a, now)).toBe(true);
  });

  it("rejects tokens after their expiry, enforced from the signed value", () => {
    const token = createSessionToken(key, now);
    expect(verifySessionToken(key, token, now + (SESSION_MAX_AGE_SECONDS - 1) * 1000)).toBe(true);
    expect(verifySessionToken(key, token, now + SESSION_MAX_AGE_SECONDS * 1000)).toBe(false);
  });

  it("rejects tampered, foreign and garbage tokens", () => {
    const token = createSessionToken(key, now);
    const [v, exp, id, sig] = token.split(".");
    expect(verifySessionToken(key, `${v}.${Number(exp) + 999999}.${id}.${sig}`, now)).toBe(false);
    expect(verifySessionToken(key, `${token.slice(0, -2)}AA`, now)).toBe(false);
    expect(verifySessionToken(sessionKey("t".repeat(43), "correct horse"), token, now)).toBe(false);
    for (const junk of ["", "x", "a.b", "v1.1.2.", undefined, "v1.9999999999.x.".padEnd(300, "a")]) {
      expect(verifySessionToken(key, junk, now)).toBe(false);
    }
  });

  it("changing the password invalidates every session", () => {
    const token = createSessionToken(key, now);
    expect(verifySessionToken(sessionKey(secret, "new password"), token, now)).toBe(false);
  });
});

describe("passwordMatches", () => {
  it("matches only the exact password, whatever the lengths", () => {
    expect(passwordMatches("correct horse", "correct horse")).toBe(true);
    expect(passwordMatches("correct hors", "correct horse")).toBe(false);
    expect(passwordMatches("correct horse ", "correct horse")).toBe(false);
    expect(passwordMatches("", "correct horse")).toBe(false);
    expect(passwordMatches("x".repeat(5000), "correct horse")).toBe(false);
  });
});

describe("sessionCookie", () => {
  it("is HttpOnly, SameSite=Lax, site-wide and expiring; Secure only over https", () => {
    const cookie = sessionCookie("tok", { secure: false });
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Max-Age=${SESSION_MAX_AGE_SECONDS}`);
    expect(cookie).not.toContain("Secure");
    expect(sessionCookie("tok", { secure: true })).toContain("; Secure");
    expect(sessionCookie("", { secure: false })).toContain("Max-Age=0");
  });
});
