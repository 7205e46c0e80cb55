import "server-only";
import { createClient } from "redis";
import { createResumableStreamContext, type Publisher, type Subscriber } from "resumable-stream/generic";
import { z } from "zod";
import type { ActiveTurns } from "./active-turns";
import type { ReplayStream } from "./replay-stream";
import type { TurnChannel } from "./turn-channel";
import { turnText } from "./turn-response";

/**
 * The turn channel over Redis, the AI SDK's documented pattern for resumable streams: each turn's
 * event-stream text is offered through `resumable-stream` under its answer's id (a page reopened through
 * another instance replays it from the first byte, then follows it live), and a stop is broadcast on a
 * pub/sub channel that every instance applies to its own turns.
 *
 * Redis is a convenience, not a dependency of chatting: its outage costs only the cross-instance part.
 * Commands fail at once while the connection is down (no offline queue), the clients reconnect in the
 * background, and every failure is logged once per outage and otherwise swallowed, so that a turn never
 * waits for Redis or fails because of it, and resumable-stream's own promises (some of which nobody
 * awaits) never reject.
 */

const DEFAULT_KEY_PREFIX = "speciale-playground";
/** how long the first operations wait for the connections before going on without them */
const FIRST_CONNECT_WAIT_MS = 2_000;
/** a lost connection is tried again after 0.1 s, 0.2 s, 0.4 s … then every 5 s */
const reconnectDelay = (retries: number) => Math.min(100 * 2 ** retries, 5_000);
/**
 * How often a resumed stream checks that its turn has not ended without it hearing so (the end is a pub/sub
 * message, which a dropped connection can lose); resumable-stream's default is 10 s.
 */
const DONE_WATCHDOG_MS = 5_000;

const stopMessage = z.object({ from: z.string(), ownerId: z.string(), conversationId: z.string() });

export interface RedisTurnChannelOptions {
  url: string;
  /** the turns of this process, which stop requests from any instance apply to */
  turns: ActiveTurns;
  /** namespace of the keys and channels (tests use their own) */
  keyPrefix?: string;
  log?: (message: string) => void;
}

export function createRedisTurnChannel(opts: RedisTurnChannelOptions): TurnChannel {
  const prefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const log = opts.log ?? ((message: string) => console.warn(`[turns] ${message}`));
  const self = crypto.randomUUID();
  const stopChannel = `${prefix}:stop`;

  const clientOptions = {
    url: opts.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: FIRST_CONNECT_WAIT_MS, reconnectStrategy: reconnectDelay },
  };
  const publisher = createClient(clientOptions);
  // A subscribed connection can do nothing else: resumable-stream's listeners and our stops share this one.
  const subscriber = createClient(clientOptions);

  let down = false;
  const onError = (err: Error) => {
    if (down) return;
    down = true;
    log(
      `Redis unreachable (${err.message}): turns are resumed and stopped on this instance only until it is back`,
    );
  };
  const onReady = () => {
    if (!down) return;
    down = false;
    log("Redis reachable again");
  };
  /** Run a command; on failure log (once while Redis is down) and answer the fallback. */
  const quietly = async <T>(what: string, command: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await command();
    } catch (err) {
      if (!down) log(`Redis ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  };

  const onStop = (raw: string) => {
    let parsed: z.infer<typeof stopMessage>;
    try {
      parsed = stopMessage.parse(JSON.parse(raw));
    } catch {
      log("ignored a malformed stop message");
      return;
    }
    if (parsed.from !== self) opts.turns.stop(parsed.ownerId, parsed.conversationId);
  };
  // Subscribed once the connection is first ready; the client subscribes again by itself after a reconnect.
  let stopsSubscribed = false;
  let markStopsSubscribed: () => void = () => {};
  const stopsReady = new Promise<void>((resolve) => {
    markStopsSubscribed = resolve;
  });
  const subscribeStops = async () => {
    if (stopsSubscribed) return;
    try {
      await subscriber.subscribe(stopChannel, onStop);
      stopsSubscribed = true;
      markStopsSubscribed();
    } catch {
      // the next "ready" tries again
    }
  };
  const publisherReady = new Promise<void>((resolve) => publisher.once("ready", () => resolve()));

  for (const client of [publisher, subscriber]) {
    client.on("error", onError);
    client.on("ready", onReady);
  }
  subscriber.on("ready", () => void subscribeStops());
  // Not awaited: a first connection that fails is retried in the background, and the operations below go on
  // without Redis meanwhile.
  void publisher.connect().catch(() => {});
  void subscriber.connect().catch(() => {});

  let firstWait: ReturnType<typeof setTimeout> | undefined;
  const started = Promise.race([
    Promise.all([publisherReady, stopsReady]),
    new Promise<void>((resolve) => {
      firstWait = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
      firstWait.unref();
    }),
  ]).finally(() => clearTimeout(firstWait));
  const connected = () => publisher.isReady && subscriber.isReady;

  // resumable-stream's Publisher and Subscriber over node-redis 5, never rejecting but for subscribe
  // (awaited where it is called): its producer and its ack timer call some of these without awaiting.
  const rsPublisher: Publisher = {
    connect: async () => {},
    publish: (channel, message) => quietly("PUBLISH", () => publisher.publish(channel, message), 0),
    set: (key, value, options) =>
      quietly(
        "SET",
        () =>
          publisher.set(
            key,
            value,
            options?.EX ? { expiration: { type: "EX", value: options.EX } } : undefined,
          ),
        null,
      ),
    get: (key) => quietly("GET", () => publisher.get(key), null),
    incr: (key) => publisher.incr(key),
  };
  const rsSubscriber: Subscriber = {
    connect: async () => {},
    subscribe: (channel, callback) => subscriber.subscribe(channel, (message) => callback(message)),
    unsubscribe: (channel) => quietly("UNSUBSCRIBE", () => subscriber.unsubscribe(channel), undefined),
  };
  const streams = createResumableStreamContext({
    keyPrefix: prefix,
    waitUntil: null,
    publisher: rsPublisher,
    subscriber: rsSubscriber,
    doneWatchdogIntervalMs: DONE_WATCHDOG_MS,
  });

  return {
    shared: true,

    async publish(messageId: string, stream: ReplayStream<string>): Promise<void> {
      await started;
      if (!connected()) return;
      try {
        // The same text as the turn's POST response (turnResponse).
        const copy = await streams.createNewResumableStream(messageId, () => turnText(stream));
        // resumable-stream reads the turn to its end whatever becomes of this copy; pages on this instance
        // read the ReplayStream itself.
        await copy?.cancel();
      } catch (err) {
        log(`could not offer answer ${messageId} to other instances: ${(err as Error).message}`);
      }
    },

    async resume(messageId: string): Promise<ReadableStream<string> | undefined> {
      await started;
      if (!connected()) return undefined;
      try {
        return (await streams.resumeExistingStream(messageId)) ?? undefined;
      } catch {
        // No instance answered within resumable-stream's second: the one streaming it is gone.
        return undefined;
      }
    },

    async stop(ownerId: string, conversationId: string): Promise<string[]> {
      const stopped = opts.turns.stop(ownerId, conversationId);
      await started;
      const message = JSON.stringify({ from: self, ownerId, conversationId });
      await quietly("PUBLISH", () => publisher.publish(stopChannel, message), 0);
      return stopped;
    },

    async close(): Promise<void> {
      clearTimeout(firstWait);
      await Promise.all(
        [publisher, subscriber].map(async (client) => {
          if (client.isReady) await client.close().catch(() => client.destroy());
          else if (client.isOpen) client.destroy();
        }),
      );
    },
  };
}
