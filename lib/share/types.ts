import type { ProviderId } from "@/lib/ai/models";
import type { MessageStatus, MessageTimings, MessageUsage } from "@/lib/chat/types";
import type { GenerationParams } from "@/lib/params";

/** What a share page shows: a snapshot with no internal ids, URLs or keys. */
export interface SharedMessage {
  role: "user" | "assistant";
  text: string;
  reasoning?: string;
  createdAt: number;
  /** the preset id (public, e.g. "aimlapi"), so an owner's "Open a copy" can keep using the provider */
  providerId?: ProviderId;
  providerName?: string;
  modelId?: string;
  params?: GenerationParams;
  paramsSent?: Record<string, unknown>;
  usage?: MessageUsage;
  timings?: MessageTimings;
  finishReason?: string;
  status?: MessageStatus;
  errorMessage?: string;
}

export interface SharedColumn {
  providerId: ProviderId;
  providerName: string;
  modelId: string;
  params: GenerationParams;
  messages: SharedMessage[];
}

export type ShareSnapshot =
  | { kind: "conversation"; title: string; createdAt: number; messages: SharedMessage[] }
  | { kind: "comparison"; title: string; createdAt: number; columns: SharedColumn[] };

export type ShareExpiry = "never" | "1d" | "7d" | "30d";

export interface ShareLink {
  token: string;
  url: string;
  kind: "conversation" | "comparison";
  /** the shared conversation or comparison, for the owner's list */
  targetId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  status: "active" | "expired" | "revoked";
}
