import type { ChatCompletionBody } from "./chat-request";
import type { Snippets } from "./snippets";

/** What GET/POST /api/view-code answer: the request and the code that sends it. Only the owner gets this. */
export interface ViewCode {
  providerName: string;
  modelId: string;
  baseUrl: string;
  /** the variable the snippets read the key from; absent when the provider needs none */
  keyEnv?: string;
  /** the composer was empty: the snippets carry a placeholder message */
  placeholder?: boolean;
  body: ChatCompletionBody;
  snippets: Snippets;
}
