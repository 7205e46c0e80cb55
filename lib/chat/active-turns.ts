import type { ReplayStream } from "./replay-stream";

/**
 * The turns this process is streaming, by conversation. A turn runs until it finishes, fails, times out or
 * is stopped, not until its page goes away: a page reattaches to it through here (a reload, a second tab),
 * and a Stop request (POST /api/chat/:id/stop) aborts the provider call. The turn then ends like any other —
 * its partial answer stored as "stopped" and the final metadata (status, timings, usage) sent to every page
 * reading it, so they show exactly what was stored.
 */
export interface ActiveTurn {
  ownerId: string;
  messageId: string;
  controller: AbortController;
  /** the turn's UI message stream as event-stream events, from the first: what a page reattaching to it reads */
  stream?: ReplayStream<string>;
}

export class ActiveTurns {
  #turns = new Map<string, Set<ActiveTurn>>();

  /** Registers a turn; returns the function that removes it. */
  add(conversationId: string, turn: ActiveTurn): () => void {
    let turns = this.#turns.get(conversationId);
    if (!turns) {
      turns = new Set();
      this.#turns.set(conversationId, turns);
    }
    turns.add(turn);
    return () => {
      turns.delete(turn);
      if (turns.size === 0 && this.#turns.get(conversationId) === turns) this.#turns.delete(conversationId);
    };
  }

  /** Stops the owner's streaming turns in this conversation; the ids of their answers (none: nothing to stop). */
  stop(ownerId: string, conversationId: string): string[] {
    const stopped: string[] = [];
    for (const turn of this.#turns.get(conversationId) ?? []) {
      if (turn.ownerId !== ownerId) continue;
      turn.controller.abort(new DOMException("Stopped by the user", "AbortError"));
      stopped.push(turn.messageId);
    }
    return stopped;
  }

  /** The owner's latest turn streaming in this conversation, to reattach to (GET /api/chat/:id/stream). */
  find(ownerId: string, conversationId: string): ActiveTurn | undefined {
    let found: ActiveTurn | undefined;
    for (const turn of this.#turns.get(conversationId) ?? []) if (turn.ownerId === ownerId) found = turn;
    return found;
  }

  /** turns streaming in this process */
  get size(): number {
    let n = 0;
    for (const turns of this.#turns.values()) n += turns.size;
    return n;
  }
}

// One registry per process, kept on globalThis so that route modules bundled apart share it.
const key = Symbol.for("speciale.activeTurns");
export function activeTurns(): ActiveTurns {
  const g = globalThis as { [key]?: ActiveTurns };
  g[key] ??= new ActiveTurns();
  return g[key];
}
