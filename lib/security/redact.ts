/**
 * Key redaction: whatever a provider echoes back (the whole key, "sk-SECRE…", a bare tail, the key
 * URL- or JSON-escaped, DeepSeek's "****abcd"), no run of GRAM or more characters of a configured key
 * survives. Pure and synchronous, so one redactor serves response bodies, error messages and log lines.
 */

/** Shortest key fragment that is redacted; shorter runs are too common in ordinary text to remove. */
export const GRAM = 6;
export const REDACTED = "[redacted]";

/** A line longer than this is flushed in pieces (SSE events end with a newline well before). */
const MAX_HELD = 16 * 1024;
/** What stays held back of such a line: room for a masked key ("*****" + tail) to complete. */
const HOLD_TAIL = 64;

export interface StreamRedactor {
  /** Redacted text that is safe to pass on now; the rest of the current line is held back. */
  push(chunk: string): string;
  /** Everything still held back, redacted. */
  end(): string;
}

export interface Redactor {
  /** false when no key is configured: redact() returns its input unchanged */
  readonly active: boolean;
  redact(text: string): string;
  /** For a body read in chunks: a fragment split across two chunks is still found. Holds back a line. */
  stream(): StreamRedactor;
  /**
   * For text arriving in deltas of a few characters (model tokens, which can spell a key piece by
   * piece across many events): holds back only a tail that could begin a key fragment (at most
   * GRAM - 1 characters), or a masked key still being written.
   */
  textStream(): StreamRedactor;
}

/** The ways a key travels inside text: as is, URL-encoded (both hex cases), JSON-escaped, `\/`-escaped. */
function keyForms(key: string): string[] {
  const url = encodeURIComponent(key);
  const json = JSON.stringify(key).slice(1, -1);
  return [
    ...new Set([
      key,
      url,
      url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      json,
      json.replace(/\//g, "\\/"),
    ]),
  ];
}

type Span = [start: number, end: number];

/** A span must not cut a JSON/JS escape in two, or the redacted body would no longer parse. */
function widenOverEscapes(text: string, [start, end]: Span): Span {
  let s = start;
  let e = end;
  let before = 0;
  while (s - before - 1 >= 0 && text.charCodeAt(s - before - 1) === 92) before++;
  if (before % 2 === 1) s -= 1;
  let trailing = 0;
  while (e - trailing - 1 >= s && text.charCodeAt(e - trailing - 1) === 92) trailing++;
  if (trailing % 2 === 1 && e < text.length) e += 1;
  return [s, e];
}

const MASKED = /\*{3,}([A-Za-z0-9_\-+/=.]{3,16})/g;
/** the end of a text that may still become a masked key (the stars may still be coming, too) */
const MASKED_OPEN = /\*+[A-Za-z0-9_\-+/=.]{0,16}$/;

export function createRedactor(secrets: readonly (string | undefined | null)[]): Redactor {
  const keys = [...new Set(secrets.map((s) => s?.trim() ?? ""))].filter((s) => s.length >= 4);
  const grams = new Set<string>();
  /** keys shorter than GRAM are matched whole */
  const shortForms: string[] = [];
  /** every run of fewer than GRAM characters of a key: what may still grow into a match */
  const starts = new Set<string>();
  const alphabet = new Set<number>();
  for (const key of keys) {
    for (const form of keyForms(key)) {
      if (form.length < GRAM) shortForms.push(form);
      for (let i = 0; i + GRAM <= form.length; i++) grams.add(form.slice(i, i + GRAM));
      for (let i = 0; i < form.length; i++) {
        for (let n = 1; n < GRAM && i + n <= form.length; n++) starts.add(form.slice(i, i + n));
      }
      for (let i = 0; i < form.length; i++) alphabet.add(form.charCodeAt(i));
    }
  }
  const inAlphabet = new Uint8Array(128);
  for (const c of alphabet) if (c < 128) inAlphabet[c] = 1;
  const known = (c: number) => (c < 128 ? inAlphabet[c] === 1 : alphabet.has(c));

  function spans(text: string): Span[] {
    const out: Span[] = [];
    if (keys.length === 0) return out;
    const add = (start: number, end: number) => {
      const last = out.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else out.push([start, end]);
    };
    const found: Span[] = [];
    // Every window of GRAM characters is looked up; a character no key contains skips the window past it.
    let i = 0;
    while (i + GRAM <= text.length) {
      let j = i + GRAM - 1;
      while (j >= i && known(text.charCodeAt(j))) j--;
      if (j >= i) {
        i = j + 1;
        continue;
      }
      if (grams.has(text.slice(i, i + GRAM))) found.push([i, i + GRAM]);
      i++;
    }
    for (const form of shortForms) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        found.push([at, at + form.length]);
      }
    }
    if (text.includes("***")) {
      // "****abcd": a provider's masked key shows its last characters; they go too, however few.
      for (const m of text.matchAll(MASKED)) {
        const tail = m[1] as string;
        for (let len = tail.length; len >= 3; len--) {
          const part = tail.slice(0, len);
          if (keys.some((k) => k.endsWith(part))) {
            found.push([m.index, m.index + m[0].length - tail.length + len]);
            break;
          }
        }
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    for (const span of found) {
      const [s, e] = widenOverEscapes(text, span);
      add(s, e);
    }
    return out;
  }

  function apply(text: string, list: Span[]): string {
    if (list.length === 0) return text;
    let out = "";
    let at = 0;
    for (const [s, e] of list) {
      out += text.slice(at, s) + REDACTED;
      at = e;
    }
    return out + text.slice(at);
  }

  const redact = (text: string) => (keys.length === 0 ? text : apply(text, spans(text)));

  return {
    active: keys.length > 0,
    redact,
    stream: () =>
      keys.length === 0
        ? PASS_THROUGH
        : heldBack(spans, apply, (held) => {
            // Keys never contain a newline, so a complete line can be judged on its own.
            const cut = held.lastIndexOf("\n") + 1;
            return cut === 0 && held.length > MAX_HELD ? held.length - HOLD_TAIL : cut;
          }),
    textStream: () =>
      keys.length === 0
        ? PASS_THROUGH
        : heldBack(spans, apply, (held) => {
            // Only the longest tail that is still a run of some key waits for the next delta.
            let cut = held.length;
            for (let n = Math.min(GRAM - 1, held.length); n > 0; n--) {
              if (starts.has(held.slice(held.length - n))) {
                cut = held.length - n;
                break;
              }
            }
            const masked = MASKED_OPEN.exec(held);
            return masked ? Math.min(cut, masked.index) : cut;
          }),
  };
}

const PASS_THROUGH: StreamRedactor = { push: (chunk) => chunk, end: () => "" };

/**
 * Passes on what is decided: text up to `safeCut(held)`, moved back to the start of a match that runs
 * past it, so that a match is always redacted whole, never emitted in part.
 */
function heldBack(
  spans: (text: string) => Span[],
  apply: (text: string, list: Span[]) => string,
  safeCut: (held: string) => number,
): StreamRedactor {
  let held = "";
  return {
    push(chunk) {
      held += chunk;
      let cut = safeCut(held);
      if (cut <= 0) return "";
      const list = spans(held);
      const crossing = list.find(([s, e]) => s < cut && e > cut);
      if (crossing) cut = crossing[0];
      const ready = held.slice(0, cut);
      held = held.slice(cut);
      return apply(
        ready,
        list.filter(([, e]) => e <= cut),
      );
    },
    end() {
      const rest = held;
      held = "";
      return apply(rest, spans(rest));
    },
  };
}

/**
 * The response with its body and headers redacted as they are read, so whatever parses it (the AI
 * SDK: answers, reasoning, error bodies) never sees a key.
 */
export function redactResponse(res: Response, redactor: Redactor): Response {
  if (!redactor.active) return res;
  const headers = new Headers();
  res.headers.forEach((value, name) => {
    // The body below is re-encoded text: its length and encoding are no longer those announced.
    if (name !== "content-length" && name !== "content-encoding") headers.set(name, redactor.redact(value));
  });
  const init = { status: res.status, statusText: redactor.redact(res.statusText), headers };
  if (!res.body) return new Response(null, init);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const stream = redactor.stream();
  const body = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const out = stream.push(decoder.decode(chunk, { stream: true }));
        if (out) controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        const out = stream.push(decoder.decode()) + stream.end();
        if (out) controller.enqueue(encoder.encode(out));
      },
    }),
  );
  return new Response(body, init);
}
