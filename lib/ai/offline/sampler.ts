import type { NgramModel, Topic, TopicSeed } from "./ngram";
import { isSentenceEnd, isWord, PARAGRAPH, piece, tokenize } from "./tokenizer";

export interface SamplingParams {
  temperature: number;
  topP: number;
  frequencyPenalty: number;
  presencePenalty: number;
  /** hard cap on reasoning + answer tokens */
  maxTokens: number;
  /** applied to the answer text only */
  stop: readonly string[];
  seed?: number;
}

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

type Channel = "reasoning" | "answer";
type FinishReason = "stop" | "length";

/** One generated token (tokens: 1) or held-back answer text released at the end (tokens: 0). */
export interface DeltaEvent {
  type: "delta";
  channel: Channel;
  text: string;
  tokens: 0 | 1;
}

export interface FinishEvent {
  type: "finish";
  finishReason: FinishReason;
  completionTokens: number;
  reasoningTokens: number;
}

export type GenerationEvent = DeltaEvent | FinishEvent;

type Rng = () => number;

/** sfc32, seeded through splitmix32 so that nearby seeds give unrelated streams. Returns floats in [0, 1). */
export function createRng(seed: number): Rng {
  let s = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x9e3779b1)) >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) | 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

// The nucleus is searched among tokens whose weight exceeds each floor in turn (the top token weighs 1), so
// the usual case sorts a handful of candidates; the last floor, 0, makes the result exact in every case.
const NUCLEUS_FLOORS = [1e-3, 1e-7, 0];

/**
 * Picks the next token with OpenAI semantics: penalties logit[j] -= c[j]·frequency + (c[j] > 0)·presence, then
 * greedy argmax at temperature 0 (lowest id wins ties), else softmax(logits / T) within the top_p nucleus.
 * `logits` is used as scratch space and overwritten.
 */
export function sampleToken(
  logits: Float64Array,
  counts: Int32Array,
  params: SamplingParams,
  rng: Rng,
): number {
  const { frequencyPenalty, presencePenalty, temperature, topP } = params;
  if (frequencyPenalty !== 0 || presencePenalty !== 0) {
    for (let j = 0; j < logits.length; j++) {
      if (counts[j] > 0) logits[j] -= counts[j] * frequencyPenalty + presencePenalty;
    }
  }
  let best = 0;
  for (let j = 1; j < logits.length; j++) if (logits[j] > logits[best]) best = j;
  if (temperature === 0) return best;

  const max = logits[best];
  const weights = logits;
  let total = 0;
  for (let j = 0; j < weights.length; j++) {
    weights[j] = Math.exp((logits[j] - max) / temperature);
    total += weights[j];
  }
  if (topP >= 1) {
    let r = rng() * total;
    for (let j = 0; j < weights.length; j++) {
      r -= weights[j];
      if (r < 0) return j;
    }
    return best; // floating-point leftovers
  }
  for (const floor of NUCLEUS_FLOORS) {
    const nucleus = nucleusOf(weights, topP * total, floor);
    if (nucleus) return pickAmong(weights, nucleus.ids, nucleus.mass, rng);
  }
  throw new Error("unreachable: the last floor admits every token");
}

/** The smallest set of heaviest tokens whose weight reaches `target`, or null if the tokens above `floor` fall short. */
function nucleusOf(
  weights: Float64Array,
  target: number,
  floor: number,
): { ids: number[]; mass: number } | null {
  const candidates: number[] = [];
  for (let j = 0; j < weights.length; j++) if (weights[j] > floor) candidates.push(j);
  candidates.sort((x, y) => weights[y] - weights[x] || x - y);
  let mass = 0;
  for (let k = 0; k < candidates.length; k++) {
    mass += weights[candidates[k]];
    if (mass >= target) return { ids: candidates.slice(0, k + 1), mass };
  }
  return floor === 0 ? { ids: candidates, mass } : null;
}

function pickAmong(weights: Float64Array, ids: number[], mass: number, rng: Rng): number {
  let r = rng() * mass;
  for (const j of ids) {
    r -= weights[j];
    if (r < 0) return j;
  }
  return ids[0]; // floating-point leftovers
}

/** Cuts text before the first stop string; holds back any tail that could still become one, so none leaks partially. */
export class StopMatcher {
  private pending = "";

  constructor(private readonly stops: readonly string[]) {}

  push(text: string): { text: string; stopped: boolean } {
    this.pending += text;
    let cut = -1;
    for (const s of this.stops) {
      const i = this.pending.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) cut = i;
    }
    if (cut >= 0) {
      const out = this.pending.slice(0, cut);
      this.pending = "";
      return { text: out, stopped: true };
    }
    let hold = 0;
    for (const s of this.stops) {
      for (let k = Math.min(s.length - 1, this.pending.length); k > hold; k--) {
        if (this.pending.endsWith(s.slice(0, k))) {
          hold = k;
          break;
        }
      }
    }
    const out = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return { text: out, stopped: false };
  }

  flush(): string {
    const out = this.pending;
    this.pending = "";
    return out;
  }
}

// How strongly the prompt's topic pulls on the logits, and how strongly the reasoning leans on the
// "thinking out loud" document of the corpus.
const TOPIC_STRENGTH = 1;
const REASONING_STYLE = { name: "reasoning", weight: 4 };
// Prompt words outside the latest user turn count for less: earlier user turns, then the system prompt.
const EARLIER_USER_WEIGHT = 0.35;
const SYSTEM_WEIGHT = 0.3;
const MAX_TOPICS = 3;
// Sentences run until a target length and then to the next sentence end, forced after OVERRUN more tokens.
const REASONING_MIN = 24;
const REASONING_SPAN = 40;
const ANSWER_MIN = 60;
const ANSWER_SPAN = 120;
const OVERRUN = 60;

interface PromptAnalysis {
  seeds: TopicSeed[];
  /** content words of the latest user turn in order of appearance, adjacent ones grouped ("black hole") */
  topics: number[][];
  hash: number;
}

function fnv1a(text: string, h = 0x811c9dc5): number {
  let hash = h;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function analyzePrompt(model: NgramModel, messages: readonly PromptMessage[]): PromptAnalysis {
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const weights = new Map<number, number>();
  const topics: number[][] = [];
  let hash = 0x811c9dc5;
  messages.forEach((m, i) => {
    hash = fnv1a(`${m.role}\n${m.content}\n`, hash);
    const weight =
      i === lastUser ? 1 : m.role === "user" ? EARLIER_USER_WEIGHT : m.role === "system" ? SYSTEM_WEIGHT : 0;
    if (weight === 0) return;
    let phrase: number[] | undefined;
    for (const token of tokenize(m.content)) {
      const word = isWord(token) ? model.contentWord(token) : undefined;
      if (word !== undefined) weights.set(word, Math.max(weights.get(word) ?? 0, weight));
      if (word === undefined || i !== lastUser || topics.some((t) => t.includes(word))) {
        phrase = undefined;
      } else if (phrase) {
        phrase.push(word);
      } else {
        phrase = [word];
        topics.push(phrase);
      }
    }
  });
  const seeds = [...weights].map(([word, weight]) => ({ word, weight }));
  if (topics.length === 0) topics.push(...seeds.toSorted((x, y) => y.weight - x.weight).map((s) => [s.word]));
  return { seeds, topics: topics.slice(0, MAX_TOPICS), hash };
}

/** "x", "x and y", "x, y and z" */
function listTokens(phrases: string[][]): string[] {
  return phrases.flatMap((p, i) => [
    ...p,
    ...(i < phrases.length - 2 ? [","] : i === phrases.length - 2 ? ["and"] : []),
  ]);
}

/** Scaffold sentences framing the reasoning; every token is in the corpus vocabulary (checked by a test). */
export function reasoningFrame(topics: string[][]): { opening: string[]; closing: string[] } {
  if (topics.length === 0) {
    return {
      opening: tokenize("The user asks about something that I do not know well."),
      closing: [PARAGRAPH, ...tokenize("So I will answer as well as I can.")],
    };
  }
  const list = listTokens(topics);
  return {
    opening: [...tokenize("The user asks about"), ...list, "."],
    closing: [PARAGRAPH, ...tokenize("So I will answer about"), ...list, "."],
  };
}

/**
 * The decoding loop: a reasoning phase (scaffold + sampled sentences), then the answer, token by token.
 * Lazy, so a consumer that stops pulling stops the generation.
 */
export function* generate(
  model: NgramModel,
  messages: readonly PromptMessage[],
  params: SamplingParams,
  rng: Rng,
): Generator<GenerationEvent, void> {
  const prompt = analyzePrompt(model, messages);
  const lengths = fnv1a(String(params.seed ?? ""), prompt.hash);
  const reasoningTarget = REASONING_MIN + (lengths % REASONING_SPAN);
  const answerTarget = ANSWER_MIN + ((lengths >>> 10) % ANSWER_SPAN);
  const reasoningTopic = model.topic(prompt.seeds, [REASONING_STYLE], TOPIC_STRENGTH);
  const answerTopic = model.topic(prompt.seeds, [], TOPIC_STRENGTH);
  const frame = reasoningFrame(prompt.topics.map((phrase) => phrase.map((w) => model.displayWord(w))));

  const counts = new Int32Array(model.size);
  const logits = new Float64Array(model.size);
  const stop = new StopMatcher(params.stop);
  let context = [model.paragraph, model.paragraph];
  let previous: string | undefined;
  let completionTokens = 0;
  let reasoningTokens = 0;

  const advance = (token: string): string => {
    const id = model.id(token);
    if (id === undefined) throw new Error(`"${token}" is not in the offline model's vocabulary`);
    counts[id]++;
    completionTokens++;
    context = [context[1], id];
    const text = piece(previous, token);
    previous = token;
    return text;
  };
  const sample = (topic: Topic, allowParagraph: boolean): string => {
    model.logits(context[0], context[1], logits, topic);
    if (!allowParagraph) logits[model.paragraph] = Number.NEGATIVE_INFINITY;
    return model.vocab[sampleToken(logits, counts, params, rng)];
  };
  const finish = (finishReason: FinishReason): FinishEvent => ({
    type: "finish",
    finishReason,
    completionTokens,
    reasoningTokens,
  });
  const budgetLeft = () => completionTokens < params.maxTokens;
  const reasoning = (token: string): DeltaEvent => {
    reasoningTokens++;
    return { type: "delta", channel: "reasoning", text: advance(token), tokens: 1 };
  };

  for (const token of frame.opening) {
    if (!budgetLeft()) return yield finish("length");
    yield reasoning(token);
  }
  for (let n = 0; !(n >= reasoningTarget && previous && isSentenceEnd(previous)); n++) {
    if (!budgetLeft()) return yield finish("length");
    yield reasoning(n >= reasoningTarget + OVERRUN ? "." : sample(reasoningTopic, previous !== PARAGRAPH));
  }
  for (const token of frame.closing) {
    if (!budgetLeft()) return yield finish("length");
    yield reasoning(token);
  }

  // The answer opens like a corpus paragraph: after a sentence end and a paragraph break.
  context = [context[1], model.paragraph];
  previous = undefined;
  let finishReason: FinishReason = "stop";
  for (let n = 0; !(n >= answerTarget && previous && isSentenceEnd(previous)); n++) {
    if (!budgetLeft()) {
      finishReason = "length";
      break;
    }
    const token = n >= answerTarget + OVERRUN ? "." : sample(answerTopic, n > 0 && previous !== PARAGRAPH);
    const { text, stopped } = stop.push(advance(token));
    yield { type: "delta", channel: "answer", text, tokens: 1 };
    if (stopped) return yield finish("stop");
  }
  const held = stop.flush();
  if (held) yield { type: "delta", channel: "answer", text: held, tokens: 0 };
  yield finish(finishReason);
}
