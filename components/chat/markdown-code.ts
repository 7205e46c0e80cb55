// Loaded on demand by markdown.tsx, the first time a text has a code fence: a Streamdown code plugin
// whose highlighting (Shiki) runs in a worker, off the main thread.
import type { CodeHighlighterPlugin, HighlightOptions, HighlightResult } from "streamdown";
import type { HighlightReply, HighlightRequest } from "./shiki-protocol";

const THEMES: ReturnType<CodeHighlighterPlugin["getThemes"]> = ["github-light", "github-dark"];
/** Finished blocks' tokens, so that a block mounted again (a reopened reasoning, an earlier page) paints at once. */
const CACHE_ENTRIES = 200;

const cache = new Map<string, HighlightResult>();
const pending = new Map<number, (result: HighlightResult) => void>();
let languages: ReadonlySet<string> = new Set();
let nextId = 0;
let worker: Worker | undefined;

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./shiki-worker.ts", import.meta.url), { type: "module", name: "shiki" });
  worker.onmessage = (event: MessageEvent<HighlightReply>) => {
    const reply = event.data;
    if ("languages" in reply) {
      languages = new Set(reply.languages);
      return;
    }
    pending.get(reply.id)?.(reply.result);
    pending.delete(reply.id);
  };
  // Code stays readable without colours; say why it has none.
  worker.onerror = (event) => console.error("Code highlighting is unavailable:", event.message);
  return worker;
}

const themeName = (theme: unknown) =>
  typeof theme === "string" ? theme : ((theme as { name?: string }).name ?? "custom");
const cacheKey = ({ code, language, themes }: HighlightOptions) =>
  `${language}:${themeName(themes[0])}:${themeName(themes[1])}\n${code}`;

function remember(key: string, result: HighlightResult) {
  cache.delete(key);
  cache.set(key, result);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
}

export const codePlugin: CodeHighlighterPlugin = {
  name: "shiki",
  type: "code-highlighter",
  getThemes: () => THEMES,
  getSupportedLanguages: () => [...languages],
  supportsLanguage: (language) => languages.has(language),
  highlight(options, callback) {
    const key = cacheKey(options);
    const cached = cache.get(key);
    if (cached) return cached;
    const id = nextId++;
    pending.set(id, (result) => {
      // A block still streaming is superseded by its next update: only finished code is kept.
      if (!options.isIncomplete) remember(key, result);
      callback?.(result);
    });
    const request: HighlightRequest = { id, options };
    getWorker().postMessage(request);
    return null;
  },
};
