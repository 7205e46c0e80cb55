import { AbstractChat, type ChatInit, DefaultChatTransport, type HttpChatTransportInitOptions } from "ai";
import type { ChatStore } from "@/lib/chat/chat-store";

// How a refused request is explained needs the SDK's error class: it comes with the runtime.
export { describeRequestError } from "./request-error";

import type { ChatUIMessage } from "@/lib/chat/types";

/*
 * Loaded on demand by use-chat-session.ts: the AI SDK's chat runtime (requests, the UI message stream's
 * parsing and validation with its zod schemas, message assembly), the part of a chat page that only a send
 * needs. It keeps its state in the page's ChatStore, as @ai-sdk/react's Chat keeps it in React's.
 */

class StoreChat extends AbstractChat<ChatUIMessage> {}

export type ChatEngine = AbstractChat<ChatUIMessage>;

export function createChatEngine(
  store: ChatStore,
  init: Omit<ChatInit<ChatUIMessage>, "messages" | "transport">,
  transport: HttpChatTransportInitOptions<ChatUIMessage>,
): ChatEngine {
  return new StoreChat({ ...init, state: store, transport: new DefaultChatTransport(transport) });
}
