import type { UIMessage } from "ai";
import type { MessageError, MessageStatus, MessageTimings, MessageUsage } from "@/db/schema";
import type { ProviderId } from "@/lib/ai/models";
import type { GenerationParams } from "@/lib/params";

export type { MessageError, MessageStatus, MessageTimings, MessageUsage };

/** Metadata carried by every message in the UI and returned by the JSON API. */
export interface MessageMetadata {
  createdAt: number;
  providerId?: ProviderId;
  modelId?: string;
  params?: GenerationParams;
  paramsSent?: Record<string, unknown>;
  usage?: MessageUsage;
  timings?: MessageTimings;
  finishReason?: string;
  status?: MessageStatus;
  error?: MessageError;
  /**
   * every version of this message (regenerated answers, edited prompts), itself included, oldest first;
   * absent when it has only one
   */
  versions?: string[];
  /** on an answer being streamed: the versions of the prompt it answers, when an edit made a new one */
  promptVersions?: string[];
}

export type ChatUIMessage = UIMessage<MessageMetadata>;

export interface ConversationSummary {
  id: string;
  title: string;
  providerId: ProviderId;
  modelId: string;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationView extends ConversationSummary {
  params: GenerationParams;
  messages: ChatUIMessage[];
  /** the messages are the latest ones only; earlier ones come from GET /api/conversations/:id/messages */
  hasEarlier?: boolean;
  /**
   * opened at a message far back in a long conversation: these messages are a part of it, later ones are
   * not loaded (the page is read-only until it goes to the latest)
   */
  hasLater?: boolean;
}

/** A page of the sidebar's chats (GET /api/conversations); `nextCursor` fetches the next one. */
export interface ConversationList {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/** A page of earlier messages, oldest first. */
export interface MessagesPage {
  messages: ChatUIMessage[];
  hasEarlier: boolean;
}
