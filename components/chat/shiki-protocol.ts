import type { HighlightOptions, HighlightResult } from "streamdown";

/** Page → worker: highlight this code. */
export interface HighlightRequest {
  id: number;
  options: HighlightOptions;
}

/** Worker → page: the tokens for a request, or (once, first) the languages the worker can highlight. */
export type HighlightReply = { id: number; result: HighlightResult } | { languages: string[] };
