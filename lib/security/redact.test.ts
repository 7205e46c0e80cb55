import { describe, expect, it } from "vitest";
import { createRedactor, GRAM, REDACTED, redactResponse } from "./redact";

/** Keys of the shapes providers hand out. */
const KEYS = {
  openai: "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
  hex: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF5Z3JvdW5kIn0.c2lnbmF0dXJlLXBhcnQ",
  symbols: "ak_live+Zx/9Qw=Er-Ty_Ui/Op+As==",
  short: "k8Zq2Lw9",
};
const ALL = Object.values(KEYS);

/** Every substring of `key` with at least GRAM characters that `text` still contains. */
function leaks(text: string, key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + GRAM <= key.length; i++) {
    if (text.includes(key.slice(i, i + GRAM))) out.push(key.slice(i, i + GRAM));
  }
  return out;
}

function expectClean(text: string, keys = ALL) {
  for (const key of keys) {
    expect(leaks(text, key), `"${text}" leaks part of ${key}`).toEqual([]);
    expect(leaks(text, encodeURIComponent(key)), `"${text}" leaks part of the URL-encoded ${key}`).toEqual(
      [],
    );
  }
}

describe("createRedactor", () => {
  const r = createRedactor([...ALL, undefined, ""]);

  it.each(Object.entries(KEYS))("removes a whole %s key and keeps the text around it", (_, key) => {
    const out = r.redact(`Your key ${key} is invalid.`);
    expect(out).toBe(`Your key ${REDACTED} is invalid.`);
  });

  it.each(Object.entries(KEYS))("removes heads, tails and middles of a %s key", (_, key) => {
    const head = `${key.slice(0, 8)}…`;
    const tail = key.slice(-6);
    const middle = key.slice(2, Math.min(key.length - 1, 12));
    const out = r.redact(`head ${head} tail ${tail} middle=${middle}.`);
    expectClean(out);
    expect(out).toContain("head ");
    expect(out).toContain(" tail ");
  });

  it("removes URL-encoded echoes, in either hex case", () => {
    const enc = encodeURIComponent(KEYS.symbols);
    expect(enc).not.toBe(KEYS.symbols);
    const out = r.redact(`GET /v1?key=${enc}&tail=${enc.slice(-9)}`);
    expect(out).toBe(`GET /v1?key=${REDACTED}&tail=${REDACTED}`);
    const lowerHex = enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    expectClean(r.redact(`key=${lowerHex}`));
    expect(r.redact(`key=${lowerHex}`)).toBe(`key=${REDACTED}`);
  });

  it("removes JSON-escaped echoes and keeps the JSON parseable", () => {
    const body = JSON.stringify({ error: { message: `bad key ${KEYS.symbols}` } }).replace(/\//g, "\\/");
    const out = r.redact(body);
    expectClean(out);
    expect(JSON.parse(out)).toEqual({ error: { message: `bad key ${REDACTED}` } });
  });

  it("merges overlapping and adjacent fragments into one marker", () => {
    expect(r.redact(`x${KEYS.hex.slice(0, 20)}${KEYS.hex.slice(10, 30)}y`)).toBe(`x${REDACTED}y`);
  });

  it("removes DeepSeek's masked key tail even when shorter than six characters", () => {
    const out = r.redact(`Your api key: ****${KEYS.openai.slice(-4)} is invalid`);
    expect(out).toBe(`Your api key: ${REDACTED} is invalid`);
  });

  it("matches a key shorter than six characters only whole", () => {
    const tiny = createRedactor(["Zq9x"]);
    expect(tiny.redact("key Zq9x.")).toBe(`key ${REDACTED}.`);
    expect(tiny.redact("Zq9 and q9x")).toBe("Zq9 and q9x");
  });

  it("leaves ordinary text, markdown and code untouched", () => {
    const text = [
      "# Heading\n\n***Bold italic*** and **bold**, `code`, [a link](https://example.com/path?q=1).",
      "The quick brown fox jumps over the lazy dog 0123456789 times.",
      'JSON: {"choices":[{"delta":{"content":"Hello"}}]}',
      "data: [DONE]",
      "Base64-looking: dGhlIHF1aWNrIGJyb3duIGZveA==",
    ].join("\n");
    expect(r.redact(text)).toBe(text);
  });

  it("is inactive without keys", () => {
    const none = createRedactor([undefined, "", "  "]);
    expect(none.active).toBe(false);
    expect(none.redact(`sk-anything ${KEYS.openai}`)).toBe(`sk-anything ${KEYS.openai}`);
  });
});

describe("the streaming redactor", () => {
  const r = createRedactor(ALL);

  function sse(content: string): string {
    return `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
  }

  /** Feed `text` in pieces of `size` characters and join what comes out. */
  function streamed(text: string, size: number): string {
    const s = r.stream();
    let out = "";
    for (let i = 0; i < text.length; i += size) out += s.push(text.slice(i, i + size));
    return out + s.end();
  }

  it("finds a key split across chunk boundaries, at every split point and chunk size", () => {
    const body = [
      sse("Sure."),
      sse(`Here is ${KEYS.jwt} and ${encodeURIComponent(KEYS.symbols)}`),
      "data: [DONE]\n\n",
    ].join("");
    const whole = r.redact(body);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      expect(streamed(body, size)).toBe(whole);
    }
    for (let cut = 1; cut < body.length; cut++) {
      const s = r.stream();
      expect(s.push(body.slice(0, cut)) + s.push(body.slice(cut)) + s.end()).toBe(whole);
    }
    expectClean(whole);
  });

  it("holds back only the unfinished line", () => {
    const s = r.stream();
    expect(s.push(sse("Hello"))).toBe(sse("Hello"));
    expect(s.push('data: {"partial')).toBe("");
    expect(s.push('":1}\n\n')).toBe('data: {"partial":1}\n\n');
  });

  it("flushes a very long line without a newline, still redacting across the cut", () => {
    const filler = "word ".repeat(5000);
    const text = `${filler}${KEYS.hex}${filler}`;
    const out = streamed(text, 4096);
    expect(out).toBe(r.redact(text));
    expectClean(out);
  });
});

describe("the text-delta redactor", () => {
  const r = createRedactor(ALL);

  function deltas(text: string, size: number): string {
    const s = r.textStream();
    let out = "";
    for (let i = 0; i < text.length; i += size) out += s.push(text.slice(i, i + size));
    return out + s.end();
  }

  it("finds a key spelled out token by token, whatever the token size", () => {
    for (const key of ALL) {
      const text = `Sure, your key is ${key} and its tail is ${key.slice(-7)}; masked: ****${key.slice(-4)}.`;
      const whole = r.redact(text);
      expectClean(whole);
      for (const size of [1, 2, 3, 4, 5, 6, 11]) expect(deltas(text, size)).toBe(whole);
    }
  });

  it("holds back only a tail that could begin a key fragment", () => {
    const s = r.textStream();
    expect(s.push("Hello world! ")).toBe("Hello world! ");
    expect(s.push("key: sk-pr")).toBe("key: ");
    expect(s.push("ize and more ")).toBe("sk-prize and more ");
    expect(s.push("****")).toBe("");
    expect(s.push(`${KEYS.openai.slice(-4)} is invalid `)).toBe(`${REDACTED} is invalid `);
    expect(s.end()).toBe("");
  });
});

describe("redactResponse", () => {
  const r = createRedactor(ALL);

  it("redacts an SSE body read in arbitrary byte chunks, headers too", async () => {
    const text = `data: {"content":"é ${KEYS.openai} ü"}\n\ndata: [DONE]\n\n`;
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // single bytes: multi-byte characters and the key are both split
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const res = redactResponse(
      new Response(body, {
        status: 401,
        statusText: "Unauthorized",
        headers: { "content-length": String(bytes.length), "x-echo": KEYS.short },
      }),
      r,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("x-echo")).toBe(REDACTED);
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe(`data: {"content":"é ${REDACTED} ü"}\n\ndata: [DONE]\n\n`);
  });

  it("returns the response as is when no key is configured", () => {
    const res = new Response("x");
    expect(redactResponse(res, createRedactor([]))).toBe(res);
  });
});

describe("cost", () => {
  it("a typical SSE chunk takes microseconds", () => {
    const r = createRedactor(ALL);
    const chunk = sse("The answer, in a few words of ordinary prose, as a provider streams it.");
    const n = 20_000;
    const s = r.stream();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) s.push(chunk);
    const perChunkUs = ((performance.now() - t0) * 1000) / n;
    console.info(`streaming redactor: ${perChunkUs.toFixed(2)} µs per ${chunk.length}-character SSE chunk`);
    expect(perChunkUs).toBeLessThan(200);
  });

  it("a token-sized text delta takes microseconds", () => {
    const r = createRedactor(ALL);
    const words =
      "The answer, in a few words of ordinary prose, as a model writes it. ".match(/.{1,4}/g) ?? [];
    const n = 50_000;
    const s = r.textStream();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) s.push(words[i % words.length] as string);
    const perDeltaUs = ((performance.now() - t0) * 1000) / n;
    console.info(`text-delta redactor: ${perDeltaUs.toFixed(2)} µs per 4-character delta`);
    expect(perDeltaUs).toBeLessThan(100);
  });

  function sse(content: string): string {
    return `data: ${JSON.stringify({ id: "chatcmpl-1", choices: [{ index: 0, delta: { content } }] })}\n\n`;
  }
});
