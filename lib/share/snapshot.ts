import "server-only";
import type { ProviderId } from "@/lib/ai/models";
import { providerName as nameOf } from "@/lib/ai/provider-registry";
import type { ChatUIMessage, ConversationView } from "@/lib/chat/types";
import type { ComparisonView } from "@/lib/compare/types";
import type { SharedMessage, ShareSnapshot } from "./types";

function providerName(id: ProviderId | undefined): string | undefined {
  return id ? nameOf(id) : undefined;
}

function partText(m: ChatUIMessage, type: "text" | "reasoning"): string {
  return m.parts.map((p) => (p.type === type ? p.text : "")).join("");
}

/** Copy only what a visitor may see: no ids, no base URLs, no keys. */
export function toSharedMessage(m: ChatUIMessage): SharedMessage {
  const md = m.metadata;
  const reasoning = partText(m, "reasoning");
  return {
    role: m.role === "user" ? "user" : "assistant",
    text: partText(m, "text"),
    ...(reasoning ? { reasoning } : {}),
    createdAt: md?.createdAt ?? 0,
    ...(m.role === "assistant"
      ? {
          providerId: md?.providerId,
          providerName: providerName(md?.providerId),
          modelId: md?.modelId,
          params: md?.params,
          paramsSent: md?.paramsSent,
          usage: md?.usage,
          timings: md?.timings,
          finishReason: md?.finishReason,
          status: md?.status,
          errorMessage: md?.error?.message,
        }
      : {}),
  };
}

export function conversationSnapshot(v: ConversationView): ShareSnapshot {
  return {
    kind: "conversation",
    title: v.title,
    createdAt: v.createdAt,
    messages: v.messages.map(toSharedMessage),
  };
}

export function comparisonSnapshot(v: ComparisonView): ShareSnapshot {
  return {
    kind: "comparison",
    title: v.title,
    createdAt: v.createdAt,
    columns: v.columns.map((c) => ({
      providerId: c.providerId,
      providerName: nameOf(c.providerId),
      modelId: c.modelId,
      params: c.params,
      messages: c.messages.map(toSharedMessage),
    })),
  };
}
