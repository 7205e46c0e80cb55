import { describe, expect, it } from "vitest";
import { clientAddress, originFromHeaders, readUploadedFile } from "./http";

describe("originFromHeaders", () => {
  const h = (init: Record<string, string>) => new Headers(init);

  it("uses PUBLIC_URL when set, whatever the headers say", () => {
    expect(
      originFromHeaders(h({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" }), {
        publicUrl: "https://play.example.com/some/path",
        trustProxy: true,
      }),
    ).toBe("https://play.example.com");
  });

  it("ignores X-Forwarded-* unless TRUST_PROXY", () => {
    const headers = h({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(originFromHeaders(headers, { trustProxy: false })).toBe("http://127.0.0.1:3000");
    expect(originFromHeaders(headers, { trustProxy: true })).toBe("https://evil.example");
  });
});

describe("clientAddress", () => {
  it("takes the address the trusted proxy saw (the last X-Forwarded-For entry)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.9" }), true)).toBe("10.0.0.9");
  });
  it("without a trusted proxy, keys on the whole header (Next sets it to the socket address when absent)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), false)).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.9" }), false)).toBe(
      "6.6.6.6, 10.0.0.9",
    );
    expect(clientAddress(new Headers(), false)).toBe("unknown");
  });
});

describe("readUploadedFile", () => {
  const url = "http://127.0.0.1/api/conversations/import";

  it("reads a raw JSON body", async () => {
    const req = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(await readUploadedFile(req, 1024)).toBe('{"a":1}');
  });

  it("reads the file field of a multipart upload", async () => {
    const form = new FormData();
    form.append("file", new Blob(['{"b":2}'], { type: "application/json" }), "export.json");
    const req = new Request(url, { method: "POST", body: form });
    expect(req.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await readUploadedFile(req, 1024)).toBe('{"b":2}');
  });

  it("names the file field when a multipart upload lacks it, and refuses oversized uploads", async () => {
    const form = new FormData();
    form.append("other", "x");
    await expect(
      readUploadedFile(new Request(url, { method: "POST", body: form }), 1024),
    ).rejects.toMatchObject({
      status: 400,
      issues: [{ field: "file" }],
    });
    // Spelled out rather than a FormData body: cancelling undici's FormData stream mid-read rejects inside undici.
    const boundary = "b0undary";
    const big = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.json"\r\n\r\n${"x".repeat(5000)}\r\n--${boundary}--\r\n`;
    const req = new Request(url, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body: big,
    });
    await expect(readUploadedFile(req, 1024)).rejects.toMatchObject({ status: 413 });
  });
});
