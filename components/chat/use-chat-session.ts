"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import type { ChatRequest } from "@/lib/chat/request-schema";
import type { ChatUIMessage } from "@/lib/chat/types";
import { preloadMarkdown } from "./lazy-markdown";
import { messageText } from "./message-parts";
import { describeRequestError, type RequestErrorInfo } from "./request-error";

export type ChatAction =
  | { kind: "submit"; text: string }
  | { kind: "edit"; messageId: string; text: string }
  | { kind: "regenerate" };

/** What the transport adds to every request besides the message: the settings at send time. */
export type RequestSettings = Pick<ChatRequest, "providerId" | "modelId" | "params">;

export type RequestFailure = RequestErrorInfo & { action: ChatAction };

interface SessionCallbacks {
  /** the request got a streaming response (so the server stored the turn) */
  onResponseOk?: (settings: RequestSettings) => void;
  /** the request itself was refused (nothing stored); the messages were put back as they were */
  onRefused?: (action: ChatAction) => void;
  /** a stream ended (finished, stopped or interrupted) after the server accepted the request */
  onSettled?: () => void;
}

/**
 * One conversation with POST /api/chat: useChat with a transport that sends only the new message (the
 * server owns the history), plus what the UI needs around it — a request that failed before any stream
 * (shown with Retry, the conversation put back), an interrupted connection, a Stop mirrored as "stopped".
 * Used by the chat and by every comparison column.
 */
export function useChatSession(
  id: string,
  initialMessages: ChatUIMessage[],
  callbacks: SessionCallbacks = {},
  /**
   * at most one re-render per this many ms while streaming: each update costs a render, a layout and a
   * paint of the growing answer whatever its size, and ten a second read as fluid text
   */
  throttleMs = 100,
) {
  const latestCallbacks = useRef(callbacks);
  useEffect(() => {
    latestCallbacks.current = callbacks;
  });

  const [requestError, setRequestError] = useState<RequestFailure | null>(null);
  const snapshot = useRef<ChatUIMessage[]>([]);
  const lastAction = useRef<ChatAction | null>(null);
  const lastSettings = useRef<RequestSettings | null>(null);
  /** set by the transport's fetch: whether the current request got a streaming response */
  const responseOk = useRef(false);

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        fetch: async (input, init) => {
          responseOk.current = false;
          const res = await fetch(input, init);
          responseOk.current = res.ok;
          const settings = lastSettings.current;
          if (res.ok && settings) latestCallbacks.current.onResponseOk?.(settings);
          return res;
        },
        // The server owns the history: send only the new (or edited) message, or a regenerate request.
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId, body }) => {
          const settings = body as RequestSettings;
          if (trigger === "regenerate-message") {
            return { body: { conversationId: id, trigger: "regenerate", ...settings } satisfies ChatRequest };
          }
          const target = messageId ? messages.find((m) => m.id === messageId) : messages.at(-1);
          const message = target ? { id: target.id, text: messageText(target) } : undefined;
          return {
            body: { conversationId: id, trigger: "submit", message, ...settings } satisfies ChatRequest,
          };
        },
      }),
    [],
  );

  const { messages, status, sendMessage, regenerate, stop, setMessages } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    throttle: throttleMs,
    onError: (err) => {
      const action = lastAction.current ?? { kind: "regenerate" };
      if (!responseOk.current) {
        // The request itself was refused (nothing stored): put the conversation back as it was.
        setMessages(snapshot.current);
        latestCallbacks.current.onRefused?.(action);
        setRequestError({ ...describeRequestError(err), action });
      } else {
        setRequestError({
          message: `The connection was interrupted: ${err.message}`,
          action: { kind: "regenerate" },
        });
        latestCallbacks.current.onSettled?.();
      }
    },
    onFinish: ({ message, isAbort }) => {
      if (isAbort) {
        // The server stores the partial answer as "stopped"; mirror that without a reload.
        setMessages((all) =>
          all.map((m) =>
            m.id === message.id && m.metadata?.status === "streaming"
              ? { ...m, metadata: { ...m.metadata, status: "stopped" } }
              : m,
          ),
        );
      }
      if (responseOk.current) latestCallbacks.current.onSettled?.();
    },
  });

  // Read at send time, so that callers' callbacks need not change (and re-render every message) per chunk.
  const latestMessages = useRef(messages);
  useEffect(() => {
    latestMessages.current = messages;
  }, [messages]);

  /** Send, edit or regenerate with these settings; the caller checks that it may (not busy, valid). */
  const start = useCallback(
    (action: ChatAction, settings: RequestSettings) => {
      // The answer will need the Markdown renderer: fetch it while the request travels.
      preloadMarkdown();
      setRequestError(null);
      snapshot.current = latestMessages.current;
      lastAction.current = action;
      lastSettings.current = settings;
      const request =
        action.kind === "regenerate"
          ? regenerate({ body: settings })
          : sendMessage(
              action.kind === "edit"
                ? { text: action.text, messageId: action.messageId }
                : { text: action.text },
              { body: settings },
            );
      request.catch((err: unknown) => toast.error(err instanceof Error ? err.message : String(err)));
    },
    [regenerate, sendMessage],
  );

  const busy = status === "submitted" || status === "streaming";
  return {
    messages,
    status,
    busy,
    start,
    stop,
    requestError,
    setRequestError,
    latestMessages,
    /** for earlier messages loaded as a long conversation is scrolled up */
    setMessages,
  };
}
