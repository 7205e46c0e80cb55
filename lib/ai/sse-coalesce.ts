/**
 * Coalescing of a provider's chat-completion event stream before the AI SDK parses it. Reasoning models
 * stream one token per event, up to one event per millisecond, and the SDK's provider pipeline (a web stream
 * per stage, JSON parse and schema validation per event, then streamText's transforms and our UI message
 * stream) costs about 150 µs of CPU per event — ours, per token, for every user. Consecutive plain deltas of
 * the same kind (answer or reasoning text, nothing else in the event) are merged into one event: the text is
 * the same, in the same order, and everything else (usage, finish reasons, errors, tool calls, comments,
 * anything not recognised) passes through untouched and in place.
 *
 * Latency: the first deltas of each kind go out at once, until FIRST_CHARS characters of that kind have passed
 * (time to first token is unchanged: the key redactor downstream holds back up to 5 characters that could begin
 * a key, so a first token of a few letters shows only with the next one, which must not wait either); a later
 * delta waits at most COALESCE_WINDOW_MS for the ones after it: one display frame, so no page can show a token
 * sooner (the chat view renders every 100 ms). Every event costs the same downstream whatever its length (the
 * SDK's schema validation and stream stages, our event, a socket write): at one token per millisecond a 5 ms
 * window passed ~1,000 events per 5,000 tokens, this one ~360 (README "Performance").
 */
export const COALESCE_WINDOW_MS = 16;
export const FIRST_CHARS = 32;

const DELTA_KEYS = ["content", "reasoning_content", "reasoning"] as const;
type DeltaKey = (typeof DELTA_KEYS)[number];

interface Delta {
  key: DeltaKey;
  /** the parsed event; its delta's text grows as later events are merged into it */
  event: { choices: [{ delta: Record<string, unknown> }] };
  text: string;
}

const isNullish = (v: unknown) => v === null || v === undefined;

/**
 * A plain text delta: one choice (index 0), no finish reason, no usage, no error, and a delta holding only
 * text of one kind (and possibly the role). Anything else is not merged.
 */
export function plainDelta(data: string): Delta | undefined {
  if (!data.startsWith("{")) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) return undefined;
  const e = event as Record<string, unknown>;
  if (!isNullish(e.usage) || "error" in e) return undefined;
  const choices = e.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice = choices[0] as Record<string, unknown> | null;
  if (typeof choice !== "object" || choice === null) return undefined;
  for (const [name, value] of Object.entries(choice)) {
    if (name === "delta") continue;
    if (name === "index" ? value !== 0 : !isNullish(value)) return undefined;
  }
  const delta = choice.delta as Record<string, unknown> | null;
  if (typeof delta !== "object" || delta === null) return undefined;
  let key: DeltaKey | undefined;
  for (const [name, value] of Object.entries(delta)) {
    if (name === "role") continue;
    if ((DELTA_KEYS as readonly string[]).includes(name)) {
      if (isNullish(value) || value === "") continue;
      if (typeof value !== "string" || key !== undefined) return undefined;
      key = name as DeltaKey;
    } else if (!isNullish(value)) {
      return undefined;
    }
  }
  if (key === undefined) return undefined;
  return { key, event: e as Delta["event"], text: delta[key] as string };
}

/** The end of the first complete event in `buf` (after its blank line), or -1. */
function eventEnd(buf: string): number {
  const m = /\r\n\r\n|\n\n|\r\r/.exec(buf);
  return m ? m.index + m[0].length : -1;
}

function serialize(d: Delta): string {
  d.event.choices[0].delta[d.key] = d.text;
  return `data: ${JSON.stringify(d.event)}\n\n`;
}

/** The pure core: text in, text out now, and a merged event that may still grow. */
export class SseCoalescer {
  private buf = "";
  private pending: Delta | undefined;
  /** characters of each kind passed on unmerged so far (up to FIRST_CHARS) */
  private readonly passed = new Map<DeltaKey, number>();

  /** What may be passed on now; a merged delta stays pending (see `hasPending`, `takePending`). */
  push(text: string): string {
    this.buf += text;
    let out = "";
    for (let end = eventEnd(this.buf); end !== -1; end = eventEnd(this.buf)) {
      const raw = this.buf.slice(0, end);
      this.buf = this.buf.slice(end);
      const line = raw.trimEnd();
      const d =
        line.startsWith("data:") && !line.includes("\n") ? plainDelta(line.slice(5).trim()) : undefined;
      if (!d) {
        out += this.takePending() + raw;
      } else if (this.pending?.key === d.key) {
        this.pending.text += d.text;
      } else {
        out += this.takePending();
        const passed = this.passed.get(d.key) ?? 0;
        if (passed >= FIRST_CHARS) {
          this.pending = d;
        } else {
          this.passed.set(d.key, passed + d.text.length);
          out += raw;
        }
      }
    }
    return out;
  }

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  takePending(): string {
    const p = this.pending;
    this.pending = undefined;
    return p ? serialize(p) : "";
  }

  /** At the end of the body: the pending delta and whatever incomplete event was left, as received. */
  end(): string {
    const rest = this.takePending() + this.buf;
    this.buf = "";
    return rest;
  }
}

/**
 * The body with plain deltas merged (at most `windowMs` of delay after the first ones of each kind). When the body
 * fails mid-stream (a dropped connection), the merged text goes out before the error, as it would have
 * uncoalesced.
 */
export function coalesceSse(
  body: ReadableStream<Uint8Array>,
  windowMs = COALESCE_WINDOW_MS,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const c = new SseCoalescer();
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  /** a failure of the body, raised once the text before it has been read (erroring drops what is queued) */
  let failure: { error: unknown } | undefined;
  const stop = () => {
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const send = (text: string) => {
        if (text) controller.enqueue(encoder.encode(text));
      };
      if (failure) return controller.error(failure.error);
      for (;;) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          stop();
          const held = c.takePending();
          if (!held) return controller.error(error);
          failure = { error };
          return send(held);
        }
        if (read.done) {
          stop();
          send(c.push(decoder.decode()) + c.end());
          controller.close();
          return;
        }
        const out = c.push(decoder.decode(read.value, { stream: true }));
        if (c.hasPending && timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            if (!finished) send(c.takePending());
          }, windowMs);
        }
        if (out) return send(out);
      }
    },
    cancel(reason) {
      stop();
      return reader.cancel(reason);
    },
  });
}

/** A streaming chat completion gets coalesced; anything else (errors, JSON, /models) is left as it is. */
export function coalesceResponse(res: Response, windowMs = COALESCE_WINDOW_MS): Response {
  const type = res.headers.get("content-type") ?? "";
  if (!res.ok || !res.body || !/^text\/event-stream/i.test(type)) return res;
  return new Response(coalesceSse(res.body, windowMs), {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}
