"use client";

import type { HttpChatTransportInitOptions } from "ai";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { type ChatSnapshot, ChatStore } from "@/lib/chat/chat-store";
import type { ChatRequest } from "@/lib/chat/request-schema";
import { publishDelay, updateInterval } from "@/lib/chat/stream-pace";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { ChatEngine } from "./chat-engine";
import { preloadMarkdown } from "./lazy-markdown";
import { messageText } from "./message-parts";
import type { RequestErrorInfo } from "./request-error";

const loadEngine = () => import("./chat-engine");

/** how long a stream the server was asked to stop may take to end before the page cuts it */
const STOP_GRACE_MS = 5000;
/**
 * Browsers open at most 6 connections to one server over HTTP/1.1 (what `next start` serves); a request
 * beyond them waits for one to close. Six comparison columns streaming at once hold them all.
 */
const CONNECTIONS_PER_HOST = 6;
/** the sessions of this page with a request or stream open */
const openSessions = new Set<ChatStore>();

/** where tabs tell each other that a turn started in a conversation */
const TURN_CHANNEL = "speciale-playground:turns";
/** how many of the latest messages a tab fetches to catch up with a turn started in another */
const CATCH_UP_MESSAGES = 20;

/** The latest `limit` messages of a conversation, oldest first (undefined: could not be read). */
async function fetchLatest(id: string, limit: number): Promise<ChatUIMessage[] | undefined> {
  const res = await fetch(`/api/conversations/${encodeURIComponent(id)}/messages?limit=${limit}`, {
    cache: "no-store",
  });
  if (!res.ok) return undefined;
  return ((await res.json()) as { messages: ChatUIMessage[] }).messages;
}

/** The answer `answerId` as stored in place of the one shown, if it is still the conversation's last message. */
async function showStoredAnswer(store: ChatStore, id: string, answerId: string): Promise<void> {
  const stored = (await fetchLatest(id, 1))?.find((m) => m.id === answerId);
  if (stored && store.messages.at(-1)?.id === answerId) {
    store.messages = store.messages.map((m) => (m.id === answerId ? stored : m));
  }
}

export type ChatAction =
  | { kind: "submit"; text: string }
  | { kind: "edit"; messageId: string; text: string }
  | { kind: "regenerate" };

/** What the transport adds to every request besides the message: the settings at send time. */
export type RequestSettings = Pick<ChatRequest, "providerId" | "modelId" | "params">;

export type RequestFailure = RequestErrorInfo & { action: ChatAction };

/** What refused a request, when the server answered at all (a 429 says when to try again). */
export interface RefusedResponse {
  status: number;
  retryAfter: string | null;
}

interface SessionCallbacks {
  /** the request got a streaming response (so the server stored the turn) */
  onResponseOk?: (settings: RequestSettings) => void;
  /** the request itself was refused (nothing stored); the messages were put back as they were */
  onRefused?: (action: ChatAction, response?: RefusedResponse) => void;
  /** a stream ended (finished, stopped or interrupted) after the server accepted the request */
  onSettled?: (answer?: ChatUIMessage) => void;
}

function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(callback, { timeout: 2000 });
  else requestAnimationFrame(() => setTimeout(callback, 0));
}

/**
 * One conversation with POST /api/chat: the AI SDK's chat with a transport that sends only the new message
 * (the server owns the history), plus what the UI needs around it — a request that failed before any
 * stream (shown with Retry, the conversation put back), an interrupted connection, a Stop mirrored as
 * "stopped". Used by the chat and by every comparison column.
 *
 * The messages live in a ChatStore from the first render; the SDK's chat runtime (chat-engine.ts) is
 * downloaded at the page's first interaction (a pointer, a key or a focus) and created at the first send,
 * so it is not part of a page's first load.
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
  const lastResponse = useRef<RefusedResponse | undefined>(undefined);
  /** tells the conversation's other tabs that a turn started here */
  const turnChannel = useRef<BroadcastChannel | null>(null);
  /** a send is waiting for the chat runtime to download */
  const [starting, setStarting] = useState(false);

  // One store per conversation, with the messages it opened with (useChat made one Chat per id).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new id is a new conversation; new props of the same one are not
  const store = useMemo(() => new ChatStore(initialMessages), [id]);
  const [view, setView] = useState<{ store: ChatStore; state: ChatSnapshot }>(() => ({
    store,
    state: store.getSnapshot(),
  }));
  const state = view.store === store ? view.state : store.getSnapshot();
  if (view.store !== store) setView({ store, state });

  // Message updates re-render about once per throttleMs, or less often when each one keeps the page busy
  // (lib/chat/stream-pace.ts); the first at once, the last one too. A status or error change at once, with
  // the latest messages.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let publishedAt = 0;
    let lastCost = 0;
    let measuring = false;
    const publish = () => {
      clearTimeout(timer);
      timer = undefined;
      const at = performance.now();
      publishedAt = at;
      const next = store.getSnapshot();
      setView((current) =>
        current.store === store && current.state === next ? current : { store, state: next },
      );
      // The update's cost to the page: until the page is next idle, its deferred render, style, layout and
      // paint done (or, where there is no requestIdleCallback, the task after the next frame). One measure
      // at a time.
      if (measuring) return;
      measuring = true;
      whenIdle(() => {
        measuring = false;
        lastCost = performance.now() - at;
      });
    };
    const unsubscribe = store.subscribe((urgent) => {
      if (urgent) return publish();
      if (timer !== undefined) return;
      const wait = publishDelay(
        performance.now(),
        publishedAt,
        updateInterval(throttleMs, lastCost),
        throttleMs,
      );
      if (wait === 0) publish();
      else timer = setTimeout(publish, wait);
    });
    publish();
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, throttleMs]);

  useEffect(() => {
    const note = () => {
      if (store.status === "submitted" || store.status === "streaming") openSessions.add(store);
      else openSessions.delete(store);
    };
    note();
    const unsubscribe = store.subscribe(note);
    return () => {
      unsubscribe();
      openSessions.delete(store);
    };
  }, [store]);

  // The runtime and the Markdown renderer download at the first interaction, so that a send does not wait
  // for them, nor evaluate their code while its answer streams.
  useEffect(() => {
    const events = ["pointerdown", "keydown", "focusin"] as const;
    const load = () => {
      for (const type of events) window.removeEventListener(type, load, true);
      // A failed download is not an error yet: the first send asks for it again and reports it.
      loadEngine().catch(() => {});
      preloadMarkdown();
    };
    for (const type of events) window.addEventListener(type, load, { capture: true, passive: true });
    return () => {
      for (const type of events) window.removeEventListener(type, load, true);
    };
  }, []);

  const setMessages = useCallback(
    (next: ChatUIMessage[] | ((messages: ChatUIMessage[]) => ChatUIMessage[])) => {
      store.messages = typeof next === "function" ? next(store.messages) : next;
    },
    [store],
  );

  const engine = useRef<{ store: ChatStore; chat: Promise<ChatEngine> } | null>(null);
  const getEngine = useCallback((): Promise<ChatEngine> => {
    if (engine.current?.store === store) return engine.current.chat;
    const transport: HttpChatTransportInitOptions<ChatUIMessage> = {
      api: "/api/chat",
      fetch: async (input, init) => {
        responseOk.current = false;
        lastResponse.current = undefined;
        const res = await fetch(input, init);
        responseOk.current = res.ok;
        lastResponse.current = { status: res.status, retryAfter: res.headers.get("retry-after") };
        // Other tabs showing this conversation follow the turn that starts here.
        if (res.ok && init?.method === "POST") turnChannel.current?.postMessage({ conversationId: id });
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
    };
    const chat = loadEngine().then(({ createChatEngine, describeRequestError }) =>
      createChatEngine(
        store,
        {
          id,
          onError: (err) => {
            const action = lastAction.current ?? { kind: "regenerate" };
            if (!responseOk.current) {
              // The request itself was refused (nothing stored): put the conversation back as it was.
              store.messages = snapshot.current;
              setRequestError({ ...describeRequestError(err), action });
              latestCallbacks.current.onRefused?.(action, lastResponse.current);
            } else {
              setRequestError({
                message: `The connection was interrupted: ${err.message}`,
                action: { kind: "regenerate" },
              });
              latestCallbacks.current.onSettled?.();
            }
          },
          onFinish: ({ message, isAbort }) => {
            const promptVersions = message.metadata?.promptVersions;
            if (promptVersions) {
              // An edit made a new version of the prompt this answers: its "n/m" counts it.
              const all = store.messages;
              const at = all.findIndex((m) => m.id === message.id);
              const prompt = all[at - 1];
              if (prompt?.role === "user") {
                const next = all.slice();
                next[at - 1] = {
                  ...prompt,
                  metadata: { createdAt: Date.now(), ...prompt.metadata, versions: promptVersions },
                };
                store.messages = next;
              }
            }
            if (isAbort) {
              // The server stores the partial answer as "stopped"; mirror that without a reload.
              store.messages = store.messages.map((m) =>
                m.id === message.id && m.metadata?.status === "streaming"
                  ? { ...m, metadata: { ...m.metadata, status: "stopped" } }
                  : m,
              );
            }
            if (responseOk.current)
              latestCallbacks.current.onSettled?.(store.messages.find((m) => m.id === message.id));
          },
        },
        transport,
      ),
    );
    // A failed download is tried again by the next send.
    chat.catch(() => {
      if (engine.current?.chat === chat) engine.current = null;
    });
    engine.current = { store, chat };
    return chat;
  }, [store, id]);

  // A conversation left (another id, or the page) stops its stream, as useChat did.
  useEffect(
    () => () => {
      const current = engine.current;
      if (current?.store === store)
        void current.chat.then(
          (chat) => chat.stop(),
          () => {},
        );
    },
    [store],
  );

  // Read at send time, so that callers' callbacks need not change (and re-render every message) per chunk.
  const latestMessages = useRef(state.messages);
  useEffect(() => {
    latestMessages.current = state.messages;
  }, [state.messages]);

  /** Send, edit or regenerate with these settings; the caller checks that it may (not busy, valid). */
  const start = useCallback(
    (action: ChatAction, settings: RequestSettings) => {
      // The answer needs the Markdown renderer (usually downloaded since the first interaction): the request
      // waits for it, so the first tokens render as Markdown at once — a text still waiting for the renderer
      // shows plain, and on a page busy with streaming, switching it can be put off until the stream ends.
      const renderer = preloadMarkdown();
      setRequestError(null);
      snapshot.current = latestMessages.current;
      lastAction.current = action;
      lastSettings.current = settings;
      setStarting(true);
      Promise.all([getEngine(), renderer])
        .then(([chat]) => {
          setStarting(false);
          return action.kind === "regenerate"
            ? chat.regenerate({ body: settings })
            : chat.sendMessage(
                action.kind === "edit"
                  ? { text: action.text, messageId: action.messageId }
                  : { text: action.text },
                { body: settings },
              );
        })
        .catch((err: unknown) => {
          setStarting(false);
          toast.error(err instanceof Error ? err.message : String(err));
          // Nothing was sent (the runtime did not load): the caller's send did not happen.
          latestCallbacks.current.onRefused?.(action);
        });
    },
    [getEngine],
  );

  /**
   * Stop asks the server (POST /api/chat/:id/stop): the turn runs on the server whoever reads it, so cutting
   * the page's request would not stop it. The server stores the partial as "stopped" and sends it, with its
   * timings, down the stream the page keeps reading, so what is shown is what is stored. A request still on
   * its way is stopped once its response starts. When the server cannot stop it (another process streams
   * it) the page stops reading; and it cuts a stopped stream that has not ended in a few seconds.
   */
  const stop = useCallback(async () => {
    const current = engine.current;
    if (current?.store !== store) return;
    const chat = await current.chat;
    await store.until((s) => s !== "submitted");
    if (store.status !== "streaming") return;
    const askServer = () =>
      fetch(`/api/chat/${encodeURIComponent(id)}/stop`, { method: "POST" }).then(
        (res) => res.ok,
        () => false,
      );
    if (openSessions.size >= CONNECTIONS_PER_HOST) {
      // Every connection to the server carries a stream, so the stop request would wait for one of them to
      // end: this page's stream is cut first, then the turn stopped, and the answer as stored (the server
      // went on until the stop reached it) replaces what the page had.
      const answer = store.messages.at(-1);
      await chat.stop();
      if (!(await askServer()) || answer?.role !== "assistant") return;
      await showStoredAnswer(store, id, answer.id);
      return;
    }
    const stopped = await askServer();
    if (!stopped) return chat.stop();
    const fallback = setTimeout(() => void chat.stop(), STOP_GRACE_MS);
    void store.until((s) => s !== "streaming").then(() => clearTimeout(fallback));
  }, [store, id]);

  /**
   * Read the answer being generated in this conversation (the AI SDK's resume) and stream the rest live; if
   * it ended meanwhile, the stored answer replaces the partial one.
   */
  const reattach = useCallback(async () => {
    const last = store.messages.at(-1);
    if (last?.role !== "assistant" || last.metadata?.status !== "streaming") return;
    const chat = await getEngine();
    await chat.resumeStream();
    const now = store.messages.at(-1);
    if (now?.id !== last.id || now.metadata?.status !== "streaming") return;
    await showStoredAnswer(store, id, last.id);
  }, [store, id, getEngine]);

  // A conversation opened while its answer is being generated (a reload, a lost connection) reattaches to it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per conversation, as it opens
  useEffect(() => {
    void reattach().catch(() => {});
  }, [store]);

  // A turn started in another tab of this conversation: catch up with its latest messages, then follow it.
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(TURN_CHANNEL);
    turnChannel.current = channel;
    channel.onmessage = (event: MessageEvent<{ conversationId?: string }>) => {
      if (event.data?.conversationId !== id || store.status === "submitted" || store.status === "streaming") {
        return;
      }
      void fetchLatest(id, CATCH_UP_MESSAGES)
        .then((latest) => {
          if (!latest?.length || store.status === "submitted" || store.status === "streaming") return;
          const first = latest[0];
          const at = store.messages.findIndex((m) => m.id === first?.id);
          // Joined to what the page shows; a page too far behind is reloaded rather than shown with a gap.
          if (at < 0 && store.messages.length > 0) return window.location.reload();
          store.messages = [...store.messages.slice(0, Math.max(at, 0)), ...latest];
          return reattach();
        })
        .catch(() => {});
    };
    return () => {
      channel.close();
      if (turnChannel.current === channel) turnChannel.current = null;
    };
  }, [id, store, reattach]);

  /** Put the branch the server now shows in place of the shown message `messageId` and what followed it. */
  const showBranch = useCallback(
    async (res: Response | null, messageId: string, failure: string) => {
      if (!res?.ok) {
        toast.error(res ? await failureMessage(res, failure) : failure);
        return;
      }
      const { messages: branch } = (await res.json()) as { messages: ChatUIMessage[] };
      const all = store.messages;
      const at = all.findIndex((m) => m.id === messageId);
      if (at >= 0) store.messages = [...all.slice(0, at), ...branch];
    },
    [store],
  );

  /** Show another version of the shown message `messageId` (the server switches the branch). */
  const selectVersion = useCallback(
    async (messageId: string, versionId: string) => {
      const res = await fetch(`/api/conversations/${encodeURIComponent(id)}/versions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messageId: versionId }),
      }).catch(() => null);
      await showBranch(res, messageId, "Could not show that version");
    },
    [id, showBranch],
  );

  /** Delete the shown version `messageId` and what followed it; the version before it is shown instead. */
  const deleteVersion = useCallback(
    async (messageId: string) => {
      const res = await fetch(
        `/api/conversations/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}`,
        { method: "DELETE" },
      ).catch(() => null);
      await showBranch(res, messageId, "Could not delete that version");
    },
    [id, showBranch],
  );

  const { messages, status } = state;
  const busy = starting || status === "submitted" || status === "streaming";
  return {
    messages,
    status,
    busy,
    start,
    stop,
    selectVersion,
    deleteVersion,
    requestError,
    setRequestError,
    latestMessages,
    /** for earlier messages loaded as a long conversation is scrolled up */
    setMessages,
  };
}
