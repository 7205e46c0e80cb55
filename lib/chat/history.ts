import type { ModelMessage } from "ai";

/** A message as the history sent to the provider sees it: a stored row or a message on the page. */
export interface Turn {
  role: "user" | "assistant";
  content: string;
}

/** One message of the provider's history, and the conversation's messages (by index) it is made of. */
export interface SentTurn extends Turn {
  from: number[];
}

/**
 * The history as the provider gets it: answer text only (earlier reasoning is never sent back), answers
 * without text (failed or empty) left out, and consecutive same-role messages merged into one (DeepSeek
 * refuses two user turns in a row). The page shows these merges (mergedPrompts), so that what the model
 * received is never a surprise.
 */
function sentTurns(rows: readonly Turn[]): SentTurn[] {
  const out: SentTurn[] = [];
  rows.forEach((r, i) => {
    if (!r.content.trim()) return;
    const last = out.at(-1);
    if (last?.role === r.role) {
      last.content += `\n\n${r.content}`;
      last.from.push(i);
    } else out.push({ role: r.role, content: r.content, from: [i] });
  });
  return out;
}

export function toModelMessages(rows: readonly Turn[]): ModelMessage[] {
  return sentTurns(rows).map(({ role, content }) => ({ role, content }));
}

/**
 * User messages that went to the model together with earlier ones left unanswered: by the index of the
 * last (the one sent), the merged text and the indexes of all of them.
 */
export function mergedPrompts(rows: readonly Turn[]): Map<number, SentTurn> {
  const out = new Map<number, SentTurn>();
  for (const turn of sentTurns(rows)) {
    const last = turn.from.at(-1);
    if (turn.role === "user" && turn.from.length > 1 && last !== undefined) out.set(last, turn);
  }
  return out;
}

/** Whether the conversation ends without an answer: the next message would be sent together with it. */
export function endsUnanswered(rows: readonly Turn[]): boolean {
  return sentTurns(rows).at(-1)?.role === "user";
}

/** Whether two histories send the model the same messages (roles and texts, in order). */
export function sameTurns(a: readonly Turn[], b: readonly Turn[]): boolean {
  return a.length === b.length && a.every((m, i) => m.role === b[i]?.role && m.content === b[i]?.content);
}
