import { describe, expect, it } from "vitest";
import { coalesceResponse, coalesceSse, FIRST_CHARS, plainDelta, SseCoalescer } from "./sse-coalesce";

const ev = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const content = (t: string) => ev({ content: t });
const reasoning = (t: string) => ev({ reasoning_content: t });
/** A first delta long enough that the deltas after it are merged. */
const P = "p".repeat(FIRST_CHARS);

/** The text of every delta kind in an event stream, in order, and how many data events carried it. */
function deltas(sse: string) {
  const out: { key: string; text: string }[] = [];
  for (const block of sse.split(/\r?\n\r?\n/)) {
    if (!block.startsWith("data: {")) continue;
    const d = JSON.parse(block.slice(6)).choices?.[0]?.delta ?? {};
    for (const key of ["content", "reasoning_content", "reasoning"])
      if (d[key]) out.push({ key, text: d[key] });
  }
  return out;
}

describe("plainDelta", () => {
  it("recognises a text delta of one kind, with or without the role", () => {
    expect(plainDelta(content("Hi").slice(6, -2))?.key).toBe("content");
    expect(plainDelta(ev({ role: "assistant", reasoning: "x", content: null }).slice(6, -2))?.key).toBe(
      "reasoning",
    );
  });

  it("leaves alone whatever carries more than text", () => {
    const cases = [
      ev({ content: "a" }, { usage: { prompt_tokens: 1 } }),
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "a" }, finish_reason: "stop" }] })}\n\n`,
      ev({ content: "a", reasoning_content: "b" }),
      ev({ content: "a", tool_calls: [{ index: 0 }] }),
      ev({ content: "" }),
      `data: ${JSON.stringify({ choices: [{ index: 1, delta: { content: "a" } }] })}\n\n`,
      `data: ${JSON.stringify({ choices: [] })}\n\n`,
      `data: ${JSON.stringify({ error: { message: "boom" }, choices: [{ index: 0, delta: { content: "a" } }] })}\n\n`,
      "data: [DONE]\n\n",
      "data: {not json\n\n",
    ];
    for (const c of cases) expect(plainDelta(c.slice(6).trimEnd())).toBeUndefined();
  });
});

describe("SseCoalescer", () => {
  it("passes deltas of a kind at once until FIRST_CHARS of it have passed, then merges the ones after, in order", () => {
    const c = new SseCoalescer();
    // A first token of a few letters is not held: the key redactor downstream may hold it until the next one.
    const first = c.push(
      reasoning("Thi") + reasoning("nk") + reasoning(P) + reasoning("ing") + reasoning("…"),
    );
    expect(deltas(first).map((d) => d.text)).toEqual(["Thi", "nk", P]);
    expect(c.hasPending).toBe(true);
    const switched = c.push(content("An") + content(P) + content("swer"));
    // The held reasoning goes out before the answer's first deltas, which are not held.
    expect(deltas(switched)).toEqual([
      { key: "reasoning_content", text: "ing…" },
      { key: "content", text: "An" },
      { key: "content", text: P },
    ]);
    const rest = c.push(content(" here") + ev({}, {}).replace('"delta":{}', '"delta":{},"x":1'));
    const end = c.end();
    expect(deltas(rest + end)).toEqual([{ key: "content", text: "swer here" }]);
  });

  it("keeps everything that is not a plain delta where it was, byte for byte", () => {
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } })}\n\n`;
    const stop = `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`;
    const c = new SseCoalescer();
    const out =
      c.push(`: keep-alive\n\n${content(P)}${content("b")}${content("c")}: keep-alive\n\n`) +
      c.push(`${content("d")}${stop}${usage}data: [DONE]\n\n`) +
      c.end();
    expect(out).toBe(
      `: keep-alive\n\n${content(P)}${content("bc")}: keep-alive\n\n${content("d")}${stop}${usage}data: [DONE]\n\n`,
    );
  });

  it("reassembles events split anywhere across chunks, and CRLF-delimited ones", () => {
    const input = `${content("Hel") + content("lo") + content(", ") + content("world")}data: [DONE]\n\n`;
    const c = new SseCoalescer();
    let out = "";
    for (let i = 0; i < input.length; i += 7) out += c.push(input.slice(i, i + 7));
    out += c.end();
    expect(
      deltas(out)
        .map((d) => d.text)
        .join(""),
    ).toBe("Hello, world");
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);

    const crlf = new SseCoalescer();
    const text =
      content(P).replace("\n\n", "\r\n\r\n") + content("y").replace("\n\n", "\r\n\r\n") + content("z");
    expect(deltas(crlf.push(text) + crlf.end()).map((d) => d.text)).toEqual([P, "yz"]);
  });

  it("returns an incomplete last event as received", () => {
    const c = new SseCoalescer();
    expect(c.push(`${content(P) + content("b")}data: {"choi`)).toBe(content(P));
    expect(c.end()).toBe(`${content("b")}data: {"choi`);
  });
});

const encoder = new TextEncoder();

/** A body giving one chunk per read, then ending or failing (as a dropped connection does). */
function source(chunks: string[], fail?: Error) {
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(encoder.encode(next));
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let out = "";
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { out, error: undefined };
      out += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { out, error };
  }
}

describe("coalesceSse", () => {
  it("delivers every delta's text, fewer events, and the merged text before a failure", async () => {
    const words = [P, ...Array.from({ length: 50 }, (_, i) => `w${i} `)];
    const parts = words.map(content);
    const whole = await readAll(coalesceSse(source([parts.join(""), "data: [DONE]\n\n"])));
    expect(
      deltas(whole.out)
        .map((d) => d.text)
        .join(""),
    ).toBe(words.join(""));
    expect(deltas(whole.out).length).toBe(2);

    const failed = await readAll(
      coalesceSse(source([parts.slice(1, 13).join("")], new Error("socket hang up"))),
    );
    expect((failed.error as Error).message).toBe("socket hang up");
    expect(
      deltas(failed.out)
        .map((d) => d.text)
        .join(""),
    ).toBe(words.slice(1, 13).join(""));
  });

  it("sends a held delta when the window ends, without waiting for the next event", async () => {
    let push!: (s: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (s) => controller.enqueue(encoder.encode(s));
      },
    });
    const reader = coalesceSse(body, 5).getReader();
    const decoder = new TextDecoder();
    push(content(P) + content("held"));
    expect(deltas(decoder.decode((await reader.read()).value)).map((d) => d.text)).toEqual([P]);
    // Nothing else arrives: the held delta comes out by itself once the window is over.
    expect(deltas(decoder.decode((await reader.read()).value)).map((d) => d.text)).toEqual(["held"]);
    await reader.cancel();
  });
});

describe("coalesceResponse", () => {
  it("touches only successful event streams", async () => {
    const json = new Response('{"a":1}', { headers: { "content-type": "application/json" } });
    expect(coalesceResponse(json)).toBe(json);
    const failed = new Response(content("a"), {
      status: 500,
      headers: { "content-type": "text/event-stream" },
    });
    expect(coalesceResponse(failed)).toBe(failed);
    const sse = new Response(content(P) + content("b") + content("c"), {
      headers: { "content-type": "text/event-stream; charset=utf-8" },
    });
    const res = coalesceResponse(sse);
    expect(res).not.toBe(sse);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(deltas(await res.text()).map((d) => d.text)).toEqual([P, "bc"]);
  });
});
