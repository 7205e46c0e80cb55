import { describeParams, type GenerationParams, generationParamsSchema, normalizeParams } from "@/lib/params";

/** What a blind vote was cast between: a column's answer to the voted message and its settings. */
export interface BlindCandidate {
  columnId: string;
  messageId: string;
  providerId: string;
  modelId: string;
  params: GenerationParams;
}

export interface BlindVote {
  /** the voted user message: its 0-based position among the comparison's user messages */
  turn: number;
  /** the better column, or null for a tie */
  winnerColumnId: string | null;
  candidates: BlindCandidate[];
  /** when Reveal showed the settings; until then the vote is blind and not counted in the results */
  revealedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A comparison's blind A/B state as the page gets it. */
export interface BlindState {
  /** the column ids in the shuffled order shown while blind; null when not blind */
  order: string[] | null;
  votes: BlindVote[];
}

/** The tallies of one parameter set (provider + model + normalized parameters) over every revealed vote. */
export interface BlindTally {
  key: string;
  providerId: string;
  modelId: string;
  params: GenerationParams;
  /** describeParams, plus the system prompt when it is set */
  summary: string[];
  wins: number;
  losses: number;
  ties: number;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The neutral name of the column shown at `position` (0-based) while blind. */
export const blindLabel = (position: number) => `Answer ${LETTERS[position] ?? position + 1}`;

/** A uniformly random order of `ids` (Fisher–Yates); `random` returns [0, 1) like Math.random. */
export function shuffledOrder(ids: readonly string[], random: () => number = Math.random): string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/**
 * The stored order against the columns there are now: removed columns drop out, the others keep their
 * places, and a column added while blind goes last. So the order is stable until Reveal.
 */
export function currentOrder(stored: readonly string[], columnIds: readonly string[]): string[] {
  const present = new Set(columnIds);
  const kept = stored.filter((id, i) => present.has(id) && stored.indexOf(id) === i);
  const known = new Set(kept);
  return [...kept, ...columnIds.filter((id) => !known.has(id))];
}

interface TurnMessage {
  id: string;
  role: "user" | "assistant";
}

/**
 * The answer to the `turn`-th user message (0-based) of a column's shown branch: the assistant message
 * right after it, or undefined when that message or its answer is not there.
 */
export function answerForTurn<M extends TurnMessage>(messages: readonly M[], turn: number): M | undefined {
  let seen = -1;
  for (let i = 0; i < messages.length; i++) {
    if (messages[i]?.role !== "user") continue;
    seen++;
    if (seen !== turn) continue;
    const next = messages[i + 1];
    return next?.role === "assistant" ? next : undefined;
  }
  return undefined;
}

/** The identity of a parameter set: provider, model and the normalized parameters with sorted keys. */
export function paramSetKey(providerId: string, modelId: string, params: GenerationParams): string {
  const p = normalizeParams(params) as Record<string, unknown>;
  const sorted = Object.fromEntries(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
  return JSON.stringify([providerId, modelId, sorted]);
}

const SYSTEM_PREVIEW = 40;

function summarize(params: GenerationParams): string[] {
  const out = describeParams(params);
  if (params.system) {
    const s = params.system.replace(/\s+/g, " ").trim();
    out.push(`system "${s.length > SYSTEM_PREVIEW ? `${s.slice(0, SYSTEM_PREVIEW)}…` : s}"`);
  }
  return out;
}

/**
 * Wins, losses and ties per parameter set over the revealed votes. Columns with the same settings count
 * as one set per vote: the winner's set wins once, every other set loses once; a tie is a tie for each.
 * A vote between identical settings says nothing about settings and is not counted. Sorted by wins, then
 * fewest losses. `counted`: the votes that counted.
 */
export function tallyVotes(votes: readonly Pick<BlindVote, "winnerColumnId" | "candidates">[]): {
  sets: BlindTally[];
  counted: number;
} {
  const tallies = new Map<string, BlindTally>();
  let counted = 0;
  for (const vote of votes) {
    const sets = new Map<string, BlindCandidate>();
    let winnerKey: string | undefined;
    for (const c of vote.candidates) {
      const params = generationParamsSchema.safeParse(c.params);
      const candidate = { ...c, params: params.success ? normalizeParams(params.data) : {} };
      const key = paramSetKey(c.providerId, c.modelId, candidate.params);
      if (!sets.has(key)) sets.set(key, candidate);
      if (c.columnId === vote.winnerColumnId) winnerKey = key;
    }
    if (sets.size < 2) continue;
    // A winner that is none of the candidates (it cannot be, as stored) makes the vote meaningless.
    if (vote.winnerColumnId !== null && winnerKey === undefined) continue;
    counted++;
    for (const [key, c] of sets) {
      let t = tallies.get(key);
      if (!t) {
        t = {
          key,
          providerId: c.providerId,
          modelId: c.modelId,
          params: c.params,
          summary: summarize(c.params),
          wins: 0,
          losses: 0,
          ties: 0,
        };
        tallies.set(key, t);
      }
      if (winnerKey === undefined) t.ties++;
      else if (key === winnerKey) t.wins++;
      else t.losses++;
    }
  }
  const sets = [...tallies.values()].sort(
    (a, b) => b.wins - a.wins || a.losses - b.losses || b.ties - a.ties || a.key.localeCompare(b.key),
  );
  return { sets, counted };
}
