import type { Turn } from "@/lib/chat/history";
import type { ChatUIMessage } from "@/lib/chat/types";

export function messageText(m: ChatUIMessage): string {
  return m.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

export function messageReasoning(m: ChatUIMessage): string {
  return m.parts.map((p) => (p.type === "reasoning" ? p.text : "")).join("");
}

/** true while the reasoning part is still receiving tokens and no answer text has started */
export function isReasoningStreaming(m: ChatUIMessage): boolean {
  const reasoning = m.parts.findLast((p) => p.type === "reasoning");
  return reasoning?.type === "reasoning" && reasoning.state === "streaming" && messageText(m) === "";
}

/**
 * The page's messages as the provider's history sees them (lib/chat/history.ts), cheaply: a user message's
 * text, and for an answer only whether it has any (its text is never merged with a prompt).
 */
export function historyTurns(messages: readonly ChatUIMessage[]): Turn[] {
  return messages.map((m) =>
    m.role === "user"
      ? { role: "user", content: messageText(m) }
      : {
          role: "assistant",
          content: m.parts.some((p) => p.type === "text" && /\S/.test(p.text)) ? "answer" : "",
        },
  );
}
