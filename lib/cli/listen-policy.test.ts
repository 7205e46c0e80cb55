import { describe, expect, it } from "vitest";
import { isLoopbackAddress, listenPolicy } from "./listen-policy.mjs";

describe("listenPolicy", () => {
  it("binds 127.0.0.1 by default and says it is local only", () => {
    const p = listenPolicy({});
    expect(p).toMatchObject({ ok: true, host: "127.0.0.1", port: "3000" });
    expect(p.ok && p.banner).toContain("http://127.0.0.1:3000 (this machine only, no password");
  });

  it("takes HOST and PORT", () => {
    expect(listenPolicy({ HOST: "localhost", PORT: "4000" })).toMatchObject({
      ok: true,
      host: "localhost",
      port: "4000",
    });
    expect(listenPolicy({ HOST: "::1" })).toMatchObject({ ok: true, host: "::1" });
  });

  it("refuses a non-loopback HOST without a password, in one line", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.5", "example.com"]) {
      const p = listenPolicy({ HOST });
      expect(p.ok, HOST).toBe(false);
      expect(!p.ok && p.message).toMatch(
        /^Refusing to listen on .+ without a password: .+PLAYGROUND_PASSWORD/,
      );
      expect(!p.ok && p.message.includes("\n")).toBe(false);
    }
    expect(listenPolicy({ HOST: "0.0.0.0", PLAYGROUND_PASSWORD: "" }).ok).toBe(false);
    expect(listenPolicy({ HOST: "0.0.0.0", ALLOW_OPEN_ACCESS: "0" }).ok).toBe(false);
  });

  it("serves other machines with a password, or when open access is chosen explicitly", () => {
    const withPassword = listenPolicy({ HOST: "0.0.0.0", PLAYGROUND_PASSWORD: "pw" });
    expect(withPassword).toMatchObject({ ok: true, host: "0.0.0.0" });
    expect(withPassword.ok && withPassword.banner).toContain("password required");
    const openAccess = listenPolicy({ HOST: "0.0.0.0", ALLOW_OPEN_ACCESS: "1" });
    expect(openAccess.ok && openAccess.banner).toContain("OPEN ACCESS");
  });

  it("refuses a bad PORT", () => {
    expect(listenPolicy({ PORT: "http" }).ok).toBe(false);
    expect(listenPolicy({ PORT: "70000" }).ok).toBe(false);
  });
});

describe("isLoopbackAddress", () => {
  it("knows loopback bind addresses", () => {
    expect(["127.0.0.1", "127.5.5.5", "localhost", "::1", "[::1]"].every(isLoopbackAddress)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "127.0.0.1.example.com"].some(isLoopbackAddress)).toBe(false);
  });
});
