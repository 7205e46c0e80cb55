import type { HighlightResult } from "streamdown";
import { beforeAll, describe, expect, it } from "vitest";
import type { HighlightReply, HighlightRequest } from "./shiki-protocol";

/** A worker that answers when told to, so a test sees the plugin before and after the reply. */
class FakeWorker {
  static last: FakeWorker;
  requests: HighlightRequest[] = [];
  onmessage: ((event: MessageEvent<HighlightReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.last = this;
  }
  postMessage(request: HighlightRequest) {
    this.requests.push(request);
  }
  reply(message: HighlightReply) {
    this.onmessage?.({ data: message } as MessageEvent<HighlightReply>);
  }
}

const tokens = (text: string): HighlightResult => ({ tokens: [[{ content: text, color: "#000" }]] });
const themes = ["github-light", "github-dark"] as [string, string];

let codePlugin: typeof import("./markdown-code").codePlugin;
beforeAll(async () => {
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  ({ codePlugin } = await import("./markdown-code"));
});

describe("code plugin (Shiki in a worker)", () => {
  it("asks the worker, answers through the callback, then serves finished code from its cache", () => {
    const got: HighlightResult[] = [];
    const options = { code: "let a = 1;", language: "ts", themes };
    expect(codePlugin.highlight(options, (r) => got.push(r))).toBeNull();
    const worker = FakeWorker.last;
    expect(worker.url.pathname).toMatch(/shiki-worker\.ts$/);
    expect(worker.options.type).toBe("module");
    const [request] = worker.requests;
    expect(request.options).toMatchObject(options);

    worker.reply({ id: request.id, result: tokens("let a = 1;") });
    expect(got).toEqual([tokens("let a = 1;")]);
    // Mounted again (a reopened reasoning): painted at once, the worker is not asked.
    expect(codePlugin.highlight(options, () => {})).toEqual(tokens("let a = 1;"));
    expect(worker.requests).toHaveLength(1);
  });

  it("does not keep code that is still streaming: its next update replaces it", () => {
    const options = { code: "let b", language: "ts", themes, isIncomplete: true };
    codePlugin.highlight(options, () => {});
    const worker = FakeWorker.last;
    const request = worker.requests.at(-1) as HighlightRequest;
    worker.reply({ id: request.id, result: tokens("let b") });
    expect(codePlugin.highlight(options, () => {})).toBeNull();
  });

  it("keys the cache on language and code, and keeps a bounded number of blocks", () => {
    const worker = FakeWorker.last;
    const finish = (code: string, language = "ts") => {
      codePlugin.highlight({ code, language, themes }, () => {});
      const request = worker.requests.at(-1) as HighlightRequest;
      worker.reply({ id: request.id, result: tokens(code) });
    };
    finish("x", "python");
    expect(codePlugin.highlight({ code: "x", language: "ts", themes }, () => {})).toBeNull();
    for (let i = 0; i < 250; i++) finish(`block ${i}`);
    expect(codePlugin.highlight({ code: "block 249", language: "ts", themes }, () => {})).toEqual(
      tokens("block 249"),
    );
    expect(codePlugin.highlight({ code: "block 0", language: "ts", themes }, () => {})).toBeNull();
  });

  it("learns the languages the worker can highlight", () => {
    expect(codePlugin.supportsLanguage("rust")).toBe(false);
    FakeWorker.last.reply({ languages: ["rust", "ts"] });
    expect(codePlugin.supportsLanguage("rust")).toBe(true);
    expect(codePlugin.getSupportedLanguages()).toEqual(["rust", "ts"]);
  });
});
