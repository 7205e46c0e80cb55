import type { MessageTimings, MessageUsage } from "@/lib/chat/types";

/** "420 ms" below a second, "3.4s" above. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${s % 60}s`;
}

const n = (v: number) => v.toLocaleString("en-US");

export function describeUsage(u: MessageUsage | undefined): string[] {
  if (!u) return [];
  const out: string[] = [];
  if (u.promptTokens !== undefined) out.push(`${n(u.promptTokens)} prompt`);
  if (u.completionTokens !== undefined) out.push(`${n(u.completionTokens)} completion`);
  if (u.reasoningTokens !== undefined) out.push(`${n(u.reasoningTokens)} reasoning`);
  if (u.cachedTokens !== undefined) out.push(`${n(u.cachedTokens)} cached`);
  return out.length ? [`tokens: ${out.join(" / ")}`] : [];
}

export function describeTimings(t: MessageTimings | undefined): string[] {
  if (!t) return [];
  const out: string[] = [];
  if (t.firstReasoningMs !== undefined)
    out.push(`first reasoning token ${formatDuration(t.firstReasoningMs)}`);
  if (t.firstAnswerMs !== undefined) out.push(`first answer token ${formatDuration(t.firstAnswerMs)}`);
  if (t.totalMs !== undefined) out.push(`total ${formatDuration(t.totalMs)}`);
  if (t.tokensPerSecond !== undefined) out.push(`${t.tokensPerSecond} tok/s`);
  return out;
}

/** How long the model reasoned: from its first reasoning token to its first answer token (or the end). */
export function reasoningDuration(t: MessageTimings | undefined): number | undefined {
  if (t?.firstReasoningMs === undefined) return undefined;
  const end = t.firstAnswerMs ?? t.totalMs;
  return end === undefined ? undefined : Math.max(0, end - t.firstReasoningMs);
}
