import { describe, expect, it } from "vitest";
import { isCrossSiteWrite, originOf } from "./origin";

const own = ["http://127.0.0.1:3000"];
const judge = (method: string, origin: string | null, secFetchSite: string | null = null) =>
  isCrossSiteWrite({ method, origin, secFetchSite, ownOrigins: own });

describe("isCrossSiteWrite", () => {
  it("lets same-origin writes through", () => {
    expect(judge("POST", "http://127.0.0.1:3000")).toBe(false);
    expect(judge("DELETE", "http://127.0.0.1:3000", "same-origin")).toBe(false);
  });

  it("refuses writes from another origin: host, port or scheme differ", () => {
    expect(judge("POST", "http://evil.example")).toBe(true);
    expect(judge("POST", "http://localhost:3000")).toBe(true); // another site name for the same server
    expect(judge("PUT", "http://127.0.0.1:3001")).toBe(true);
    expect(judge("PATCH", "https://127.0.0.1:3000")).toBe(true);
  });

  it("refuses Origin: null and unparsable origins", () => {
    expect(judge("POST", "null")).toBe(true);
    expect(judge("POST", "garbage")).toBe(true);
    expect(judge("POST", "file://")).toBe(true);
  });

  it("judges by Sec-Fetch-Site when there is no Origin", () => {
    expect(judge("POST", null, "cross-site")).toBe(true);
    expect(judge("POST", null, "same-site")).toBe(true);
    expect(judge("POST", null, "same-origin")).toBe(false);
    expect(judge("POST", null, "none")).toBe(false);
  });

  it("leaves requests with neither header to the session (curl, SDKs)", () => {
    expect(judge("POST", null, null)).toBe(false);
  });

  it("never refuses reads", () => {
    expect(judge("GET", "http://evil.example", "cross-site")).toBe(false);
    expect(judge("HEAD", "null")).toBe(false);
    expect(judge("OPTIONS", "http://evil.example")).toBe(false);
  });

  it("accepts any of the app's own origins (PUBLIC_URL's too)", () => {
    const ownOrigins = ["http://127.0.0.1:3000", "https://play.example.com"];
    expect(
      isCrossSiteWrite({
        method: "POST",
        origin: "https://play.example.com",
        secFetchSite: null,
        ownOrigins,
      }),
    ).toBe(false);
  });
});

describe("originOf", () => {
  it("normalises case and default ports", () => {
    expect(originOf("HTTPS://Play.Example.com:443/x")).toBe("https://play.example.com");
    expect(originOf("http://[::1]:80")).toBe("http://[::1]");
    expect(originOf("javascript:alert(1)")).toBeUndefined();
  });
});
