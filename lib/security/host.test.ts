import { describe, expect, it } from "vitest";
import { hostName, isAllowedHost, isLoopbackName } from "./host";

describe("isAllowedHost (no password: DNS rebinding)", () => {
  it("accepts loopback names with any port", () => {
    for (const host of [
      "localhost",
      "localhost:3000",
      "LOCALHOST:3000",
      "127.0.0.1:3100",
      "127.1.2.3",
      "[::1]:3000",
      "app.localhost:3000",
      "localhost.:3000",
    ]) {
      expect(isAllowedHost(host), host).toBe(true);
    }
  });

  it("refuses any other name, including ones that merely contain a loopback name", () => {
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1.evil.example",
      "localhost.evil.example",
      "192.168.1.5:3000",
      "0.0.0.0:3000",
      "[::ffff:7f00:1]",
      "128.0.0.1",
      "127.0.0.256",
    ]) {
      expect(isAllowedHost(host), host).toBe(false);
    }
  });

  it("refuses a request without Host", () => {
    expect(isAllowedHost(null)).toBe(false);
    expect(isAllowedHost("")).toBe(false);
  });

  it("accepts PUBLIC_URL's host", () => {
    expect(isAllowedHost("play.example.com", "play.example.com")).toBe(true);
    expect(isAllowedHost("Play.Example.com:8443", "play.example.com:8443")).toBe(true);
    expect(isAllowedHost("other.example.com", "play.example.com")).toBe(false);
  });
});

describe("hostName", () => {
  it("strips ports and brackets", () => {
    expect(hostName("[::1]:3000")).toBe("::1");
    expect(hostName("Example.COM:80")).toBe("example.com");
    expect(isLoopbackName("::ffff:127.0.0.1")).toBe(true);
  });
});
