import type { ModelMessage } from "ai";
import type { MessageRow } from "@/db/schema";

/**
 * History for the provider: answer text only (earlier reasoning is never sent back), errored or empty
 * answers skipped, and consecutive same-role turns merged (older reasoner APIs reject them).
 */
export function toModelMessages(rows: MessageRow[]): ModelMessage[] {
  const out: { role: "user" | "assistant"; content: string }[] = [];
  for (const r of rows) {
    if (!r.content.trim()) continue;
    const last = out.at(-1);
    if (last?.role === r.role) last.content += `\n\n${r.content}`;
    else out.push({ role: r.role, content: r.content });
  }
  return out;
}
