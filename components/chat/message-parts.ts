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
