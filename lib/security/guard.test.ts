import { describe, expect, it } from "vitest";
import { type GuardConfig, guardRequest, isPublicPath, requestOwnOrigin } from "./guard";

const open: GuardConfig = { passwordSet: false, trustProxy: false, openAccess: false };
const locked: GuardConfig = { passwordSet: true, trustProxy: false, openAccess: false };

function req(
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  { signedIn = false, search = "" } = {},
) {
  return { method, pathname, search, signedIn, headers: new Headers({ host: "127.0.0.1:3000", ...headers }) };
}

const json = { "content-type": "application/json", "content-length": "2" };

describe("guardRequest", () => {
  it("passes a same-origin JSON write and plain reads", () => {
    expect(
      guardRequest(req("POST", "/api/chat", { ...json, origin: "http://127.0.0.1:3000" }), open),
    ).toEqual({
      kind: "pass",
    });
    expect(guardRequest(req("GET", "/"), open).kind).toBe("pass");
  });

  it("answers malformed percent-encoding with a JSON 400 naming the path", () => {
    const v = guardRequest(req("GET", "/api/conversations/%E0%A4%A"), open);
    expect(v).toMatchObject({ kind: "refuse", status: 400, field: "path" });
  });

  describe("without a password (DNS rebinding)", () => {
    it("refuses a Host that is not loopback", () => {
      const v = guardRequest(req("GET", "/", { host: "evil.example:3000" }), open);
      expect(v).toMatchObject({ kind: "refuse", status: 403, code: "forbidden_host" });
    });
    it("accepts PUBLIC_URL's host, and any host once open access was chosen", () => {
      const withPublic = { ...open, publicOrigin: "https://play.example.com" };
      expect(guardRequest(req("GET", "/", { host: "play.example.com" }), withPublic).kind).toBe("pass");
      expect(
        guardRequest(req("GET", "/", { host: "10.0.0.2:3000" }), { ...open, openAccess: true }).kind,
      ).toBe("pass");
    });
    it("does not check the Host once a password protects everything", () => {
      expect(guardRequest(req("GET", "/login", { host: "10.0.0.2:3000" }), locked).kind).toBe("pass");
    });
  });

  describe("cross-site writes", () => {
    it("refuses another origin with forbidden_origin, before anything else", () => {
      for (const path of [
        "/api/chat",
        "/api/conversations/import",
        "/api/conversations/x/share",
        "/api/auth/login",
      ]) {
        const v = guardRequest(
          req("POST", path, { origin: "http://localhost:3000", "content-type": "text/plain" }),
          open,
        );
        expect(v, path).toMatchObject({ kind: "refuse", status: 403, code: "forbidden_origin" });
      }
      const del = guardRequest(req("DELETE", "/api/conversations/x", { origin: "null" }), open);
      expect(del).toMatchObject({ status: 403, code: "forbidden_origin" });
    });
    it("refuses Sec-Fetch-Site cross-site without an Origin (sendBeacon, old browsers)", () => {
      const v = guardRequest(req("POST", "/api/chat", { "sec-fetch-site": "cross-site", ...json }), open);
      expect(v).toMatchObject({ status: 403, code: "forbidden_origin" });
    });
    it("trusts X-Forwarded-Host/Proto for the app's own origin only with TRUST_PROXY", () => {
      const headers = {
        ...json,
        host: "127.0.0.1:3000",
        origin: "https://play.example.com",
        "x-forwarded-host": "play.example.com",
        "x-forwarded-proto": "https",
      };
      expect(guardRequest(req("POST", "/api/chat", headers), { ...open, openAccess: true }).kind).toBe(
        "refuse",
      );
      expect(
        guardRequest(req("POST", "/api/chat", headers), { ...open, openAccess: true, trustProxy: true }).kind,
      ).toBe("pass");
    });
  });

  describe("with a password", () => {
    it("answers API calls without a session with a JSON 401", () => {
      expect(guardRequest(req("GET", "/api/conversations"), locked)).toMatchObject({
        status: 401,
        code: "unauthorized",
      });
      expect(guardRequest(req("POST", "/api/shares/t/fork"), locked)).toMatchObject({ status: 401 });
      expect(guardRequest(req("GET", "/api/offline/v1/models"), locked)).toMatchObject({ status: 401 });
    });
    it("redirects pages to the login page, remembering where to come back", () => {
      expect(guardRequest(req("GET", "/c/abc", {}, { search: "?x=1" }), locked)).toEqual({
        kind: "redirect",
        location: "/login?next=%2Fc%2Fabc%3Fx%3D1",
      });
    });
    it("serves share pages, static files, the health check and the login itself to anyone", () => {
      for (const path of [
        "/share/tok",
        "/_next/static/chunks/a.js",
        "/api/health",
        "/login",
        "/icon.svg",
        "/og.png",
        "/fonts/geist-sans-variable.woff2",
      ]) {
        expect(guardRequest(req("GET", path), locked).kind, path).toBe("pass");
      }
      expect(guardRequest(req("POST", "/api/auth/login", json), locked).kind).toBe("pass");
    });
    it("lets a session through", () => {
      expect(guardRequest(req("GET", "/api/conversations", {}, { signedIn: true }), locked).kind).toBe(
        "pass",
      );
    });
  });

  describe("methods and bodies", () => {
    it("answers a wrong method on a known route with a JSON 405 and Allow", () => {
      expect(guardRequest(req("GET", "/api/chat"), open)).toMatchObject({
        status: 405,
        code: "method_not_allowed",
        headers: { allow: "POST, OPTIONS" },
      });
      expect(guardRequest(req("PUT", "/api/conversations/x", json), open)).toMatchObject({
        status: 405,
        headers: { allow: "GET, PATCH, DELETE, HEAD, OPTIONS" },
      });
    });
    it("leaves unknown API paths to the JSON 404 route", () => {
      expect(guardRequest(req("GET", "/api/nope"), open).kind).toBe("pass");
    });
    it("refuses non-JSON bodies with 415, multipart only for import", () => {
      const text = { "content-type": "text/plain", "content-length": "5" };
      expect(guardRequest(req("POST", "/api/chat", text), open)).toMatchObject({ status: 415 });
      expect(guardRequest(req("POST", "/api/chat", { "content-length": "5" }), open)).toMatchObject({
        status: 415,
      });
      expect(
        guardRequest(
          req("POST", "/api/chat", { "content-type": "text/plain", "transfer-encoding": "chunked" }),
          open,
        ),
      ).toMatchObject({ status: 415 });
      const multipart = { "content-type": "multipart/form-data; boundary=x", "content-length": "50" };
      expect(guardRequest(req("POST", "/api/conversations/import", multipart), open).kind).toBe("pass");
      expect(guardRequest(req("POST", "/api/chat", multipart), open)).toMatchObject({ status: 415 });
    });
    it("lets body-less writes through (fork, delete, continue)", () => {
      expect(guardRequest(req("DELETE", "/api/conversations/x"), open).kind).toBe("pass");
      expect(guardRequest(req("POST", "/api/shares/t/fork", { "content-length": "0" }), open).kind).toBe(
        "pass",
      );
    });
  });
});

describe("helpers", () => {
  it("knows the public paths", () => {
    expect(isPublicPath("/share/x")).toBe(true);
    expect(isPublicPath("/shares")).toBe(false);
    expect(isPublicPath("/api/shares")).toBe(false);
  });
  it("derives the request's own origin from Host", () => {
    expect(requestOwnOrigin(new Headers({ host: "LOCALHOST:3000" }), false)).toBe("http://localhost:3000");
    expect(requestOwnOrigin(new Headers({ host: "a", "x-forwarded-host": "b.example, c" }), false)).toBe(
      "http://a",
    );
    expect(
      requestOwnOrigin(
        new Headers({ host: "a", "x-forwarded-host": "b.example", "x-forwarded-proto": "https" }),
        true,
      ),
    ).toBe("https://b.example");
  });
});
