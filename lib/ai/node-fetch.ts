import "server-only";
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { Redactor } from "@/lib/security/redact";
import { COALESCE_WINDOW_MS, SseCoalescer } from "./sse-coalesce";

/**
 * fetch() for provider calls on node:http(s). A streaming chat completion arrives as one network read per
 * token; Node's fetch hands each read through a web stream (about 55 µs of CPU per read, measured against 38 µs
 * for node:http's data event), and the SDK's parser then handles every event. Here the event stream is
 * coalesced (sse-coalesce.ts) on the socket's data events, so web streams and the SDK see one merged event
 * per few milliseconds. Everything else behaves as fetch does for these calls: connection failures reject with
 * TypeError("fetch failed", { cause }) (what the AI SDK classifies as a network error), an abort rejects or
 * fails the body with the signal's reason, compressed bodies are decompressed, and a redirect or a request this
 * does not handle (a Request object, a non-string body) goes to the global fetch.
 *
 * Keys a provider echoes are redacted here too (headers, status text, body), and in the body before deltas are
 * merged: the body redactor reads event by event, and a key spelled a few characters per event is the text
 * redactor's (redaction-middleware.ts) to find whole. Redacting merged events instead would cut such a key
 * where a merge began and leave its first characters in the previous event.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function decompressor(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** The response headers, redacted; without length and encoding when the body is re-encoded or decompressed. */
function headersOf(res: http.IncomingMessage, redactor: Redactor | undefined, rewritten: boolean): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = (res.rawHeaders[i] as string).toLowerCase();
    if (rewritten && (name === "content-length" || name === "content-encoding")) continue;
    const value = res.rawHeaders[i + 1] as string;
    headers.append(name, redactor ? redactor.redact(value) : value);
  }
  return headers;
}

/** The body as a web stream: redacted, then coalesced when it is an event stream. */
function bodyOf(
  res: http.IncomingMessage,
  source: NodeJS.ReadableStream,
  coalesce: boolean,
  redactor: Redactor | undefined,
  windowMs: number,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const c = coalesce ? new SseCoalescer() : undefined;
  const r = redactor?.stream();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const finish = () => {
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (text && !done) controller.enqueue(encoder.encode(text));
      };
      if (c || r) source.setEncoding("utf8");
      source.on("data", (chunk: string | Buffer) => {
        if (!c && !r) {
          controller.enqueue(new Uint8Array(chunk as Buffer));
          return;
        }
        const text = r ? r.push(chunk as string) : (chunk as string);
        if (!c) {
          send(text);
          return;
        }
        send(c.push(text));
        if (c.hasPending && timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            send(c.takePending());
          }, windowMs);
        }
        // Backpressure: a slow reader pauses the socket rather than buffering the answer here.
        if ((controller.desiredSize ?? 1) <= 0) source.pause();
      });
      source.on("end", () => {
        const rest = r ? r.end() : "";
        send(c ? c.push(rest) + c.end() : rest);
        finish();
        controller.close();
      });
      const fail = (err: Error) => {
        if (done) return;
        if (c) send(c.takePending());
        finish();
        // Like fetch: an aborted request fails its body with the signal's reason.
        controller.error(signal?.aborted ? signal.reason : new TypeError("terminated", { cause: err }));
      };
      source.on("error", fail);
      res.on("aborted", () => fail(new Error("aborted")));
      if (source !== res) res.on("error", fail);
    },
    pull() {
      source.resume();
    },
    cancel() {
      finish();
      res.destroy();
    },
  });
}

export function nodeFetch({
  windowMs = COALESCE_WINDOW_MS,
  redactor,
}: {
  windowMs?: number;
  /** read per response (the keys come from the environment) */
  redactor?: () => Redactor;
} = {}): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init = {}) => {
    const body = init.body ?? undefined;
    if (input instanceof Request || (body !== undefined && typeof body !== "string")) {
      return globalThis.fetch(input, init);
    }
    const url = new URL(input);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return globalThis.fetch(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const headers = Object.fromEntries(new Headers(init.headers));
    headers["accept-encoding"] ??= "gzip, deflate, br";
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const request = (url.protocol === "https:" ? https : http).request(url, {
        method: init.method ?? "GET",
        headers,
        agent,
      });
      const onAbort = () => request.destroy(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (err) => {
        signal?.removeEventListener("abort", onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
      });
      request.on("response", (res) => {
        res.once("close", () => signal?.removeEventListener("abort", onAbort));
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status) && res.headers.location) {
          // Rare for an API; the global fetch applies the redirect rules (method, body, limits).
          res.resume();
          resolve(globalThis.fetch(input, init));
          return;
        }
        const red = redactor?.();
        const active = red?.active ? red : undefined;
        const nullBody = init.method === "HEAD" || status === 204 || status === 304;
        const unzip = nullBody ? undefined : decompressor(res.headers["content-encoding"]);
        const source: NodeJS.ReadableStream = unzip ? res.pipe(unzip) : res;
        const coalesce =
          status >= 200 && status < 300 && /^text\/event-stream/i.test(res.headers["content-type"] ?? "");
        const statusText = res.statusMessage ?? "";
        resolve(
          new Response(nullBody ? null : bodyOf(res, source, coalesce, active, windowMs, signal), {
            status,
            statusText: active ? active.redact(statusText) : statusText,
            headers: headersOf(res, active, Boolean(unzip || active || coalesce)),
          }),
        );
      });
      request.end(body);
    });
  };
}
