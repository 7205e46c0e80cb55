import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedactor } from "@/lib/security/redact";
import { nodeFetch } from "./node-fetch";
import { FIRST_CHARS } from "./sse-coalesce";

const KEY = "sk-node-fetch-secret-123456";

const event = (content: string) =>
  `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

let server: http.Server;
let base: string;
const seen: { method?: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", async () => {
      seen.push({ method: req.method, body, headers: req.headers });
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      if (req.url === "/sse" || req.url === "/drop") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (let i = 0; i < 20; i++) {
          res.write(event(`t${i} `));
          await sleep(1);
        }
        if (req.url === "/drop") return res.socket?.destroy();
        res.end("data: [DONE]\n\n");
      } else if (req.url === "/echo") {
        // The key whole in one event, then spelled 3 characters per event, as a model echoing it would.
        res.writeHead(200, { "content-type": "text/event-stream", "x-echo": KEY });
        res.write(event(`${"p".repeat(FIRST_CHARS)} whole ${KEY} spelled `));
        for (let i = 0; i < KEY.length; i += 3) res.write(event(KEY.slice(i, i + 3)));
        res.end("data: [DONE]\n\n");
      } else if (req.url === "/gzip") {
        res.writeHead(401, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(zlib.gzipSync('{"error":{"message":"bad key"}}'));
      } else if (req.url === "/hang") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(event("first"));
      } else {
        res.writeHead(200, { "content-type": "application/json", "x-test": "yes" });
        res.end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const texts = (sse: string) =>
  sse
    .split("\n\n")
    .filter((b) => b.startsWith("data: {"))
    .map((b) => JSON.parse(b.slice(6)).choices[0].delta.content as string);

describe("nodeFetch", () => {
  const f = nodeFetch({ windowMs: 5 });

  it("sends the method, headers and body, and answers like fetch", async () => {
    const res = await f(`${base}/json`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-test")).toBe("yes");
    expect(await res.json()).toEqual({ ok: true });
    const req = seen.at(-1);
    expect(req?.method).toBe("POST");
    expect(req?.body).toBe('{"a":1}');
    expect(req?.headers.authorization).toBe("Bearer k");
  });

  it("coalesces an event stream: the same text in order, in fewer events", async () => {
    const res = await f(`${base}/sse`, { method: "POST", body: "{}" });
    const sse = await res.text();
    const parts = texts(sse);
    expect(parts.join("")).toBe(Array.from({ length: 20 }, (_, i) => `t${i} `).join(""));
    expect(parts[0]).toBe("t0 ");
    expect(parts.length).toBeLessThan(20);
    expect(sse.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("redacts headers and each event before merging: a key spelled across events stays whole for the text redactor", async () => {
    const redacting = nodeFetch({ windowMs: 5, redactor: () => createRedactor([KEY]) });
    const res = await redacting(`${base}/echo`, { method: "POST", body: "{}" });
    expect(res.headers.get("x-echo")).toBe("[redacted]");
    const text = texts(await res.text()).join("");
    expect(text).toContain("whole [redacted] spelled ");
    // Merged first and redacted after, "sk-node-fe" would be cut: "sk-" in one event, "[redacted]" in the next.
    expect(text.endsWith(`spelled ${KEY}`)).toBe(true);
  });

  it("decompresses a compressed body", async () => {
    const res = await f(`${base}/gzip`);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('{"error":{"message":"bad key"}}');
  });

  it("rejects like fetch when the server cannot be reached", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const err = await f(`http://127.0.0.1:${port}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe("fetch failed");
    expect(((err as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("fails the body after delivering its text when the connection drops", async () => {
    const res = await f(`${base}/drop`, { method: "POST", body: "{}" });
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const err = await (async () => {
      for (;;) {
        const { done, value } = (await reader?.read()) ?? { done: true };
        if (done) return undefined;
        text += decoder.decode(value);
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(texts(text).join("")).toBe(Array.from({ length: 20 }, (_, i) => `t${i} `).join(""));
  });

  it("rejects, or fails the body, with the signal's reason on abort", async () => {
    const before = new AbortController();
    before.abort(new DOMException("stop", "AbortError"));
    await expect(f(`${base}/json`, { signal: before.signal })).rejects.toMatchObject({ name: "AbortError" });

    const during = new AbortController();
    const res = await f(`${base}/hang`, { method: "POST", body: "{}", signal: during.signal });
    const reader = res.body?.getReader();
    expect(texts(new TextDecoder().decode((await reader?.read())?.value))).toEqual(["first"]);
    during.abort(new DOMException("The operation timed out.", "TimeoutError"));
    await expect(reader?.read()).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
