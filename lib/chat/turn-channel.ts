import "server-only";
import { env } from "@/lib/env";
import { type ActiveTurns, activeTurns } from "./active-turns";
import type { ReplayStream } from "./replay-stream";

/**
 * How a turn is reached from every server instance: the stream of its answer, to resume it, and Stop. With
 * REDIS_URL, through Redis (turn-channel-redis.ts: resumable-stream, and a pub/sub channel for stops), so
 * that any instance behind a load balancer can serve a page; without it, this process's turns only.
 */
export interface TurnChannel {
  /** whether turns streaming on other instances are reachable */
  readonly shared: boolean;
  /**
   * Offer a turn's stream (from its first chunk) under its answer's id to every instance. Never fails: a
   * turn that could not be offered still streams here.
   */
  publish(messageId: string, stream: ReplayStream<string>): Promise<void>;
  /**
   * The event-stream text of the answer streaming under this id on another instance, from its first byte
   * then live: what its POST response sent. Undefined when nothing streams under that id (finished, or its
   * instance is gone) or it cannot be reached.
   */
  resume(messageId: string): Promise<ReadableStream<string> | undefined>;
  /**
   * Stop the owner's turns in this conversation on every instance; the ids of the answers stopped in this
   * process (those of other instances end as they see the request).
   */
  stop(ownerId: string, conversationId: string): Promise<string[]>;
  /** Close the connections (tests; the process exiting closes them anyway). */
  close(): Promise<void>;
}

/** This process's turns only: a single instance, or Redis not configured. */
export function localTurnChannel(turns: ActiveTurns): TurnChannel {
  return {
    shared: false,
    publish: async () => {},
    resume: async () => undefined,
    stop: async (ownerId, conversationId) => turns.stop(ownerId, conversationId),
    close: async () => {},
  };
}

// One channel per process (its Redis connections are opened once, on first use), kept on globalThis so that
// route modules bundled apart share it. Without REDIS_URL no Redis code is loaded.
const key = Symbol.for("speciale.turnChannel");

export function turnChannel(): Promise<TurnChannel> {
  const g = globalThis as { [key]?: Promise<TurnChannel> };
  g[key] ??= open();
  return g[key];
}

async function open(): Promise<TurnChannel> {
  const url = env().REDIS_URL;
  if (!url) return localTurnChannel(activeTurns());
  const { createRedisTurnChannel } = await import("./turn-channel-redis");
  return createRedisTurnChannel({ url, turns: activeTurns() });
}
