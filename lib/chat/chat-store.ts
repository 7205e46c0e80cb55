import type { ChatState, ChatStatus } from "ai";
import type { ChatUIMessage } from "@/lib/chat/types";

export interface ChatSnapshot {
  messages: ChatUIMessage[];
  status: ChatStatus;
  error: Error | undefined;
}

/**
 * The state of one conversation: what @ai-sdk/react's Chat keeps, behind the AI SDK's `ChatState`
 * interface. It exists before the AI SDK is loaded (a page shows its messages without it; the SDK's chat
 * runtime with its zod schemas is ~65 kB gzip and loads with the first interaction, components/chat/chat-engine.ts), and
 * the SDK's AbstractChat then writes to it. Every change makes a new immutable snapshot; listeners are
 * told whether it can wait (messages, throttled by the reader) or not (status, error).
 */
export class ChatStore implements ChatState<ChatUIMessage> {
  #snapshot: ChatSnapshot;
  #listeners = new Set<(urgent: boolean) => void>();

  constructor(messages: ChatUIMessage[]) {
    this.#snapshot = { messages, status: "ready", error: undefined };
  }

  get messages(): ChatUIMessage[] {
    return this.#snapshot.messages;
  }
  set messages(messages: ChatUIMessage[]) {
    this.#update({ messages: [...messages] }, false);
  }

  get status(): ChatStatus {
    return this.#snapshot.status;
  }
  set status(status: ChatStatus) {
    this.#update({ status }, true);
  }

  get error(): Error | undefined {
    return this.#snapshot.error;
  }
  set error(error: Error | undefined) {
    this.#update({ error }, true);
  }

  pushMessage = (message: ChatUIMessage): void => {
    this.#update({ messages: this.#snapshot.messages.concat(message) }, false);
  };

  popMessage = (): void => {
    this.#update({ messages: this.#snapshot.messages.slice(0, -1) }, false);
  };

  replaceMessage = (index: number, message: ChatUIMessage): void => {
    const messages = this.#snapshot.messages.slice();
    messages[index] = this.snapshot(message);
    this.#update({ messages }, false);
  };

  /**
   * A copy of a message the SDK keeps mutating while it streams (its parts and metadata), so that React
   * sees a new object for a changed message and the same object for every other one.
   */
  snapshot = <T>(value: T): T => {
    if (value == null || typeof value !== "object" || !("parts" in value) || !Array.isArray(value.parts)) {
      return value;
    }
    const message = value as unknown as ChatUIMessage;
    const copy: ChatUIMessage = { ...message, parts: message.parts.map((part) => ({ ...part })) };
    if (message.metadata) copy.metadata = { ...message.metadata };
    return copy as T;
  };

  getSnapshot = (): ChatSnapshot => this.#snapshot;

  /** Resolves once the status satisfies `done` (at once if it does already). */
  until(done: (status: ChatStatus) => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (done(this.status)) return resolve();
      const unsubscribe = this.subscribe(() => {
        if (!done(this.status)) return;
        unsubscribe();
        resolve();
      });
    });
  }

  subscribe(listener: (urgent: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #update(patch: Partial<ChatSnapshot>, urgent: boolean): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener(urgent);
  }
}
