import { describe, expect, it } from "vitest";
import { LoginLimiter } from "./login-limiter";

function limiter(overall = 100) {
  let now = 0;
  const l = new LoginLimiter({ perClient: 10, overall, windowMs: 60_000, maxClients: 3 }, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

describe("LoginLimiter", () => {
  it("allows 10 failures a minute per client, then refuses with the seconds to wait", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 10; i++) {
      expect(l.check("a").allowed).toBe(true);
      l.fail("a");
      advance(1000);
    }
    const verdict = l.check("a");
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(l.check("b").allowed).toBe(true); // another client is not affected
    advance(50_000);
    expect(l.check("a").allowed).toBe(true); // the oldest failure left the window
  });

  it("forgets a client's failures when it signs in", () => {
    const { l } = limiter();
    for (let i = 0; i < 9; i++) l.fail("a");
    l.succeed("a");
    for (let i = 0; i < 9; i++) l.fail("a");
    expect(l.check("a").allowed).toBe(true);
  });

  it("caps failures from all clients together (addresses a client can choose)", () => {
    const { l } = limiter(20);
    for (let i = 0; i < 20; i++) l.fail(`spoofed-${i}`);
    const verdict = l.check("fresh");
    expect(verdict.allowed).toBe(false);
  });

  it("remembers a bounded number of clients", () => {
    const { l } = limiter();
    for (let i = 0; i < 10; i++) l.fail("a");
    for (const c of ["b", "c", "d"]) l.fail(c);
    expect(l.check("a").allowed).toBe(true); // "a" was the oldest and was forgotten
  });
});
