"use client";

import { useEffect, useState } from "react";
import { messageText } from "@/components/chat/message-parts";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { SampleInput } from "@/lib/compare/statistics";

/** Every version (sample) of an answer, oldest first; undefined when they could not be read. */
export async function fetchAnswerSamples(
  conversationId: string,
  messageId: string,
): Promise<ChatUIMessage[] | undefined> {
  const res = await fetch(
    `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/versions`,
    { cache: "no-store" },
  ).catch(() => null);
  if (!res?.ok) return undefined;
  return ((await res.json()) as { versions: ChatUIMessage[] }).versions;
}

/** What the statistics read of an answer; one still streaming, or that failed with no text, is not a sample. */
export function toSampleInputs(versions: readonly ChatUIMessage[]): SampleInput[] {
  return versions
    .filter((m) => m.role === "assistant" && m.metadata?.status !== "streaming")
    .filter((m) => m.metadata?.status !== "error" || messageText(m) !== "")
    .map((m) => ({
      text: messageText(m),
      reasoningTokens: m.metadata?.usage?.reasoningTokens,
      firstAnswerMs: m.metadata?.timings?.firstAnswerMs,
      tokensPerSecond: m.metadata?.timings?.tokensPerSecond,
      finishReason: m.metadata?.finishReason ?? m.metadata?.status,
    }));
}

/**
 * The samples of the answer `messageId` of a column, read again whenever `key` changes (a new version, an
 * answer that finished); undefined until read, or when there is nothing to read.
 */
export function useAnswerSamples(
  conversationId: string,
  messageId: string | undefined,
  key: string,
): SampleInput[] | undefined {
  const [state, setState] = useState<{ key: string; samples: SampleInput[] } | undefined>(undefined);
  useEffect(() => {
    if (!messageId) return;
    let cancelled = false;
    void fetchAnswerSamples(conversationId, messageId).then((versions) => {
      if (!cancelled && versions) setState({ key, samples: toSampleInputs(versions) });
    });
    return () => {
      cancelled = true;
    };
  }, [conversationId, messageId, key]);
  return messageId && state?.key === key ? state.samples : undefined;
}
