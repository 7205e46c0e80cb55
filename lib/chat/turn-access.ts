import "server-only";
import * as q from "@/db/queries/conversations";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type ActiveTurns, activeTurns } from "./active-turns";
import { type TurnChannel, turnChannel } from "./turn-channel";
import { relayedTurnResponse, turnResponse } from "./turn-response";

/**
 * Resume and Stop for a conversation's streaming turn, whichever instance streams it: this process's own
 * turns directly, another instance's through the turn channel (REDIS_URL), found by the answer the database
 * holds as "streaming" for this owner.
 */
export interface TurnAccessDeps {
  turns: ActiveTurns;
  channel: TurnChannel;
  /** ids of the owner's answers stored as "streaming" in this conversation, oldest first */
  streamingAnswers(ownerId: string, conversationId: string): Promise<string[]>;
  timing?: Partial<typeof TIMING>;
}

/** This process's turns, its turn channel and the app's database. */
export async function defaultTurnAccess(): Promise<TurnAccessDeps> {
  return {
    turns: activeTurns(),
    channel: await turnChannel(),
    streamingAnswers: (ownerId, conversationId) => q.streamingAnswerIds(getDb(), ownerId, conversationId),
  };
}

const TIMING = {
  /**
   * An answer is stored a moment before its instance offers its stream, and that instance must answer a
   * resume within resumable-stream's fixed second (a busy event loop can miss it): how long to keep asking.
   */
  offerWaitMs: 5_000,
  /** pause between two looks at the database (and at the channel) while waiting */
  pollMs: 100,
  /** how often a relayed stream checks that its answer is still stored as streaming */
  checkMs: 3_000,
  /** once stored as ended, how long the rest of a relayed stream may take before it is cut */
  graceMs: 2_000,
  /** how long a stop waits for another instance to store the answer as stopped */
  stopWaitMs: 5_000,
  /** a stop is sent again this often meanwhile (a message can be lost, or come before the turn was listed) */
  stopResendMs: 1_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The answer streaming in the owner's conversation, as an event stream from its first chunk then live; undefined
 * when nothing streams there (the stored conversation is complete) or its instance cannot be reached.
 */
export async function resumeTurn(
  ownerId: string,
  conversationId: string,
  deps: TurnAccessDeps,
): Promise<Response | undefined> {
  const local = deps.turns.find(ownerId, conversationId);
  if (local?.stream) return turnResponse(local.stream);
  if (!deps.channel.shared) return undefined;
  const timing = { ...TIMING, ...deps.timing };
  const stillStreaming = async (id: string) =>
    (await deps.streamingAnswers(ownerId, conversationId)).includes(id);
  const id = (await deps.streamingAnswers(ownerId, conversationId)).at(-1);
  if (!id) return undefined;
  const deadline = Date.now() + timing.offerWaitMs;
  for (;;) {
    const text = await deps.channel.resume(id);
    if (text) return relayedTurnResponse(untilStoredEnd(text, () => stillStreaming(id), timing));
    if (Date.now() >= deadline) return undefined;
    await sleep(timing.pollMs);
    if (!(await stillStreaming(id))) return undefined;
  }
}

/**
 * A relayed stream that also ends once its answer is stored as ended and nothing more comes: when the
 * instance streaming it dies, another marks the answer interrupted after the lease, and the page, seeing its
 * stream end without a finish, loads what is stored.
 */
function untilStoredEnd(
  text: ReadableStream<string>,
  stillStreaming: () => Promise<boolean>,
  timing: typeof TIMING,
): ReadableStream<string> {
  const reader = text.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  return new ReadableStream<string>({
    start(controller) {
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        controller.close();
        void reader.cancel().catch(() => {});
      };
      const check = async () => {
        let streaming = true;
        try {
          streaming = await stillStreaming();
        } catch {
          // the database did not answer this time: look again later
        }
        if (ended) return;
        timer = streaming ? setTimeout(check, timing.checkMs) : setTimeout(end, timing.graceMs);
      };
      timer = setTimeout(check, timing.checkMs);
    },
    async pull(controller) {
      const r = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (ended) return;
      if (r.done) {
        ended = true;
        clearTimeout(timer);
        controller.close();
        return;
      }
      controller.enqueue(r.value);
    },
    cancel(reason) {
      ended = true;
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

/**
 * Stop the owner's streaming answers in this conversation on every instance. Answers the ids stopped: this
 * process's at once (each then ends as usual, stored as "stopped"), another instance's once it has stored
 * them as ended. Throws a 404 when nothing streams there, a 409 when the instance streaming it did not
 * stop it in time (it may be gone: its answer is then marked interrupted after the lease).
 */
export async function stopTurn(
  ownerId: string,
  conversationId: string,
  deps: TurnAccessDeps,
): Promise<string[]> {
  const timing = { ...TIMING, ...deps.timing };
  const stopped = await deps.channel.stop(ownerId, conversationId);
  const remote = deps.channel.shared
    ? (await deps.streamingAnswers(ownerId, conversationId)).filter((id) => !stopped.includes(id))
    : [];
  if (remote.length === 0) {
    if (stopped.length === 0) throw new AppError("not_found", "No answer is streaming in this conversation");
    return stopped;
  }
  const deadline = Date.now() + timing.stopWaitMs;
  let sentAt = Date.now();
  while (Date.now() < deadline) {
    await sleep(timing.pollMs);
    const still = await deps.streamingAnswers(ownerId, conversationId);
    if (!remote.some((id) => still.includes(id))) return [...stopped, ...remote];
    if (Date.now() - sentAt >= timing.stopResendMs) {
      sentAt = Date.now();
      await deps.channel.stop(ownerId, conversationId);
    }
  }
  throw new AppError(
    "conflict",
    "The server instance generating this answer did not stop it; if that instance is gone, the answer is marked interrupted within a minute",
  );
}
