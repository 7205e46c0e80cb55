import fs from "node:fs";
import path from "node:path";

/** Recorded real streams (copied from ../shared/fixtures/recorded-streams), one JSON chunk per line. */
export const RECORDED_DIR = path.join(import.meta.dirname, "fixtures", "recorded-streams");

export const RECORDED_STREAMS = fs
  .readdirSync(RECORDED_DIR)
  .filter((f) => f.endsWith(".chunks.txt"))
  .sort();

export interface RecordedExpectation {
  file: string;
  /** concatenated reasoning deltas (`reasoning_content` or `reasoning`) */
  reasoning: string;
  /** concatenated `content` deltas */
  answer: string;
  finishReason: string | null;
  /** the last usage object seen, if any */
  usage: Record<string, unknown> | null;
}

interface Delta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

/** What the app must show for a recorded stream: the concatenation of its deltas. */
export function expectationFor(file: string): RecordedExpectation {
  let reasoning = "";
  let answer = "";
  let finishReason: string | null = null;
  let usage: Record<string, unknown> | null = null;
  const lines = fs.readFileSync(path.join(RECORDED_DIR, file), "utf8").split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const chunk = JSON.parse(line) as {
      choices?: Array<{ delta?: Delta; finish_reason?: string | null }>;
      usage?: Record<string, unknown> | null;
    };
    for (const choice of chunk.choices ?? []) {
      const d = choice.delta ?? {};
      reasoning += d.reasoning_content ?? d.reasoning ?? "";
      answer += d.content ?? "";
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  return { file, reasoning, answer, finishReason, usage };
}

/**
 * Up to `count` runs of plain words (no markdown or math syntax) from `text`, each at least `minWords`
 * long, spread over the text: what a user would read in the rendered message whatever the renderer.
 * A text with no such run (e.g. a one-word answer) gives itself, whitespace-normalized.
 */
export function plainFragments(text: string, count = 3, minWords = 4, maxWords = 8): string[] {
  const candidates: string[] = [];
  for (const line of text.split("\n")) {
    for (const segment of line.split(/[*_`#$\\|<>[\]()~{}^=+]|\d+\.\s/)) {
      const words = segment
        .replace(/\s+/g, " ")
        .replace(/^[\s,.;:!?-]+|[\s,;:-]+$/g, "")
        .split(" ")
        .filter(Boolean);
      if (words.length < minWords) continue;
      if (!words.every((w) => /^[A-Za-z0-9,.'’!?:;"“”-]+$/.test(w))) continue;
      candidates.push(words.slice(0, maxWords).join(" "));
    }
  }
  if (candidates.length === 0) {
    const whole = text.replace(/\s+/g, " ").trim();
    return whole === "" ? [] : [whole];
  }
  if (candidates.length <= count) return candidates;
  const picked: string[] = [];
  for (let i = 0; i < count; i++) {
    picked.push(candidates[Math.floor((i * (candidates.length - 1)) / Math.max(1, count - 1))] as string);
  }
  return [...new Set(picked)];
}
