/// <reference lib="webworker" />
// Shiki in a worker: compiling a grammar's regular expressions and tokenizing a code block that grows with
// every streamed update take the main thread for hundreds of milliseconds on a slow CPU. Here they take
// none of it; markdown-code.ts posts each request and hands the tokens to Streamdown when they come back.
import { code } from "@streamdown/code";
import type { CodeHighlighterPlugin, HighlightResult } from "streamdown";
import type { HighlightReply, HighlightRequest } from "./shiki-protocol";

declare const self: DedicatedWorkerGlobalScope;

// Streamdown's plugin type: any language name (unknown ones are shown as plain text).
const highlighter: CodeHighlighterPlugin = code;
const reply = (message: HighlightReply) => self.postMessage(message);

reply({ languages: highlighter.getSupportedLanguages() });

self.onmessage = (event: MessageEvent<HighlightRequest>) => {
  const { id, options } = event.data;
  const done = (result: HighlightResult) => reply({ id, result });
  // @streamdown/code answers from its cache at once, or later through the callback (grammar loading).
  const cached = highlighter.highlight(options, done);
  if (cached) done(cached);
};
