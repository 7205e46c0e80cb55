import "server-only";
import {
  type InferUIMessageChunk,
  experimental_streamLanguageModelCall as streamLanguageModelCall,
} from "ai";
import { prepareCallSettings, prepareRetries } from "ai/internal";
import { type Db, writeTransaction } from "@/db/client";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import * as t from "@/db/queries/turn";
import * as vq from "@/db/queries/versions";
import type { MessageRow } from "@/db/schema";
import { toMessageError } from "@/lib/ai/provider-errors";
import { findProvider } from "@/lib/ai/provider-registry";
import { languageModel, withRequestBodyListener } from "@/lib/ai/providers";
import { getDb, getInstanceId } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GenerationParams } from "@/lib/params";
import { type ActiveTurn, activeTurns } from "./active-turns";
import { toCallSettings } from "./call-settings";
import { DEFAULT_CHAT_TITLE, DEFAULT_COMPARISON_TITLE } from "./defaults";
import { shouldFlush } from "./flush-policy";
import { sameTurns, type Turn, toModelMessages } from "./history";
import { idleCollector } from "./idle-collector";
import { checkModelSettings } from "./model-settings";
import { decideOutcome } from "./outcome";
import { ReplayStream } from "./replay-stream";
import type { ChatRequest } from "./request-schema";
import { storableText } from "./storable-text";
import { turnChannel } from "./turn-channel";
import { planTurn, type TurnPlan } from "./turn-plan";
import { sseEvent, turnResponse } from "./turn-response";
import type { ChatUIMessage, MessageMetadata, MessageTimings, MessageUsage } from "./types";

type ChatUIMessageChunk = InferUIMessageChunk<ChatUIMessage>;

const TITLE_MAX = 80;

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

/** What a chat turn runs against; tests replace the database and the model. */
export interface ChatDeps {
  /** turns generating at once in this process, beyond which a new one is refused (429) */
  maxActiveTurns: number;
  db: Db;
  /** recorded on the streaming answer so that another instance starting up leaves it alone */
  instanceId: string | null;
  createModel: typeof languageModel;
  timeoutMs: number;
  maxRetries: number;
}

function defaultDeps(over: Partial<ChatDeps>): ChatDeps {
  return {
    db: over.db ?? getDb(),
    instanceId: over.instanceId !== undefined ? over.instanceId : getInstanceId(),
    createModel: over.createModel ?? languageModel,
    timeoutMs: over.timeoutMs ?? env().PROVIDER_TIMEOUT_MS,
    maxRetries: over.maxRetries ?? env().PROVIDER_MAX_RETRIES,
    maxActiveTurns: over.maxActiveTurns ?? env().MAX_ACTIVE_TURNS,
  };
}

/**
 * The stored state a turn starts from, validated (planTurn throws a 400/409 naming the field): read once before
 * the provider is called, so that a refused request calls nothing, and again inside the write transaction.
 */
async function readTurn(db: Db, ownerId: string, req: ChatRequest) {
  // The turn's own prepared statements (db/queries/turn.ts): ownership is checked here, once.
  const conversation = await t.getConversation(db, ownerId, req.conversationId);
  const messages = conversation ? await t.getMessages(db, req.conversationId) : [];
  const plan = planTurn(req, {
    conversation,
    conversationIdTaken: conversation ? true : await t.conversationIdTaken(db, req.conversationId),
    messages,
    messageIdUsedIn: req.message ? await t.messageConversationId(db, req.message.id) : undefined,
  });
  return { conversation, messages, plan };
}

/** The history sent to the model for a planned turn: the shown branch before it, then the new message. */
function promptOf(messages: readonly MessageRow[], plan: TurnPlan, user: Turn | undefined): Turn[] {
  const { branchAt } = plan;
  const kept = branchAt === undefined ? [...messages] : messages.filter((m) => m.seq < branchAt);
  return user ? [...kept, user] : kept;
}

/**
 * Every write of a turn in one write transaction: the state is read and the request validated again (planTurn
 * throws a 400/409) before the first write, and a failure anywhere rolls the whole turn back, so a refused
 * request stores nothing and two writers never interleave. Scoped to the conversation: on PostgreSQL, turns of
 * other conversations run beside it (a message id one of them takes meanwhile is a unique violation: a 409).
 */
async function writeTurn(
  deps: ChatDeps,
  ownerId: string,
  req: ChatRequest,
  params: GenerationParams,
  assistant: { id: string; createdAt: number },
): Promise<{ history: Turn[]; versions: Pick<MessageMetadata, "versions" | "promptVersions"> }> {
  const { db } = deps;
  return writeTransaction(
    db,
    async (tx) => {
      const { conversation, messages, plan } = await readTurn(tx, ownerId, req);
      const settings = { providerId: req.providerId, modelId: req.modelId, params };
      if (plan.createConversation) {
        await t.insertConversation(tx, ownerId, {
          id: req.conversationId,
          title: titleFrom(req.message?.text ?? "") || DEFAULT_CHAT_TITLE,
          ...settings,
        });
      } else {
        await t.updateConversationSettings(tx, ownerId, req.conversationId, settings);
      }
      const { branchAt } = plan;
      if (branchAt !== undefined) await t.deactivateFrom(tx, req.conversationId, branchAt);
      if (plan.editedId) await t.renameMessage(tx, req.conversationId, plan.editedId, crypto.randomUUID());
      const placement: t.Placement = { parentId: plan.parentId, seq: plan.seq };
      // The answer goes in before its new prompt: a prompt inserted while an answer to it streams is indexed for
      // search with that answer, at its end, in one FTS5 transaction (db/migrations/0007, fewer WAL pages).
      const answerAt: t.Placement = plan.appendUser
        ? { parentId: plan.appendUser.id, seq: plan.seq + 1 }
        : placement;
      await t.appendStreamingAnswer(
        tx,
        {
          id: assistant.id,
          conversationId: req.conversationId,
          ...settings,
          instanceId: deps.instanceId,
          createdAt: assistant.createdAt,
        },
        answerAt,
      );
      let user: MessageRow | undefined;
      if (plan.appendUser) {
        user = await t.appendUserMessage(
          tx,
          {
            id: plan.appendUser.id,
            conversationId: req.conversationId,
            content: plan.appendUser.text,
            createdAt: Date.now(),
          },
          placement,
        );
      }
      // What was read above, minus what leaves the branch and plus the new message: reading it again inside
      // the same transaction would return the same rows.
      const history = promptOf(messages, plan, user);
      const comparisonId = conversation?.comparisonId;
      if (comparisonId) {
        // A comparison column: the comparison takes its title from the first message, like a chat.
        const cmp = await cq.getComparison(tx, ownerId, comparisonId);
        if (cmp && plan.appendUser && cmp.title === DEFAULT_COMPARISON_TITLE) {
          await cq.renameComparison(tx, ownerId, cmp.id, titleFrom(plan.appendUser.text));
        }
        await cq.touchComparison(tx, ownerId, comparisonId);
      }
      // A regenerated answer or an edited prompt is a new version beside the earlier ones: the page shows which.
      if (branchAt === undefined) return { history, versions: {} };
      const answer = { id: assistant.id, parentId: answerAt.parentId };
      const versions = await vq.versionsOf(tx, req.conversationId, user ? [answer, user] : [answer]);
      return {
        history,
        versions: { versions: versions.get(answer.id), promptVersions: user && versions.get(user.id) },
      };
    },
    req.conversationId,
  );
}

function toUsage(u: {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  inputTokenDetails?: { cacheReadTokens?: number };
  outputTokenDetails?: { reasoningTokens?: number };
}): MessageUsage {
  return {
    promptTokens: u.inputTokens,
    completionTokens: u.outputTokens,
    reasoningTokens: u.outputTokenDetails?.reasoningTokens,
    cachedTokens: u.inputTokenDetails?.cacheReadTokens,
    totalTokens: u.totalTokens,
  };
}

/** seconds a client refused for too many turns at once is told to wait */
const BUSY_RETRY_AFTER_S = 10;

/**
 * Orchestrates one chat turn: validate, persist the user turn, stream the provider, persist the answer. The
 * turn runs on the server until it finishes, fails, times out or is stopped (POST /api/chat/:id/stop), not
 * until the page that asked goes away: the response is one reader of it, and a page reattaches with
 * GET /api/chat/:id/stream.
 */
export async function runChat(
  ownerId: string,
  req: ChatRequest,
  overrides: Partial<ChatDeps> = {},
): Promise<Response> {
  const { provider, params } = await checkModelSettings(req);
  const deps = defaultDeps(overrides);
  const { db } = deps;
  if (activeTurns().size >= deps.maxActiveTurns) {
    throw new AppError(
      "rate_limited",
      `${deps.maxActiveTurns} answers are being generated already; try again when one has finished`,
      [],
      { headers: { "retry-after": String(BUSY_RETRY_AFTER_S) } },
    );
  }
  const apiKey = findProvider(req.providerId)?.apiKey;
  let paramsSent: Record<string, unknown> | undefined;
  // Built before anything is stored: a provider that cannot be set up refuses the request whole.
  const model = deps.createModel(req.providerId, req.modelId);
  const assistantId = crypto.randomUUID();
  const startedAt = Date.now();
  // Validated before the provider is called: a refused request calls nothing and stores nothing.
  const early = await readTurn(db, ownerId, req);
  const { appendUser } = early.plan;
  const prompt = promptOf(
    early.messages,
    early.plan,
    appendUser && { role: "user", content: appendUser.text },
  );

  // Not AbortSignal.timeout: its timer cannot be cleared, and until it fires (PROVIDER_TIMEOUT_MS after the
  // start, 15 minutes by default) it holds the request's async context — Next's request store with the
  // request and the response — for every finished turn. This one is cleared when the turn ends.
  const timeoutController = new AbortController();
  const timeout = timeoutController.signal;
  const timer = setTimeout(
    () => timeoutController.abort(new DOMException("The provider took too long to answer", "TimeoutError")),
    deps.timeoutMs,
  );
  // A Stop request (POST /api/chat/:id/stop) aborts the provider call through this; the turn then ends as
  // usual and the page, still reading the stream, gets exactly what is stored.
  const stopController = new AbortController();
  const signal = AbortSignal.any([timeout, stopController.signal]);
  const onRequestBody = (body: Record<string, unknown>) => {
    // Keep the generation parameters exactly as sent; history, model and stream flags are recorded elsewhere.
    const { messages: _m, model: _model, stream: _s, stream_options: _so, ...sampling } = body;
    paramsSent = sampling;
  };

  /**
   * Starts the model call; `sent` resolves once its request is on the wire (or the call has already settled).
   * The SDK's model call without streamText's orchestration around it (steps, tools, callbacks, telemetry: a
   * web TransformStream each, for every event, none of which a chat turn uses): the same prompt conversion,
   * provider call, retries and stream parts. Measured: README "Performance".
   */
  const startCall = (history: Turn[]) => {
    const cancel = new AbortController();
    let onWire = () => {};
    const wired = new Promise<void>((resolve) => {
      onWire = resolve;
    });
    const { instructions, ...settings } = toCallSettings(params);
    const result = (async () => {
      const { retry } = prepareRetries({ maxRetries: deps.maxRetries, abortSignal: signal });
      return retry(() =>
        withRequestBodyListener(
          (body) => {
            onRequestBody(body);
            onWire();
          },
          () =>
            streamLanguageModelCall({
              model,
              instructions,
              messages: toModelMessages(history),
              ...prepareCallSettings(settings),
              abortSignal: AbortSignal.any([signal, cancel.signal]),
              _internal: { collectContent: false },
            }),
        ),
      );
    })();
    // Read by the turn below; `settled` also handles the failure of a call given up on (cancel), nobody's.
    const settled = result.then(
      () => {},
      () => {},
    );
    // The request is written to its socket on the next tick after fetch() is called: one turn of the event
    // loop later it has left, whatever runs next.
    const sent = Promise.race([wired, settled]).then(() => new Promise<void>((r) => setImmediate(r)));
    return { result, sent, cancel: () => cancel.abort(new DOMException("Superseded", "AbortError")) };
  };

  // The provider gets the request before the turn is written: its first token takes longer than our write
  // transaction and response, which now run meanwhile instead of before it.
  let call = startCall(prompt);
  await call.sent;
  let written: Awaited<ReturnType<typeof writeTurn>>;
  try {
    written = await writeTurn(deps, ownerId, req, params, { id: assistantId, createdAt: startedAt });
  } catch (err) {
    // Refused (a turn of another request got there first) or failed: nothing is stored, the call is cancelled.
    call.cancel();
    clearTimeout(timer);
    throw err;
  }
  const { history, versions } = written;
  if (!sameTurns(history, prompt)) {
    // The conversation changed between the read and the transaction: ask again with what is now stored.
    call.cancel();
    call = startCall(history);
  }
  const turn: ActiveTurn = { ownerId, messageId: assistantId, controller: stopController };
  const unregister = activeTurns().add(req.conversationId, turn);
  const release = idleCollector()?.hold();
  const base: MessageMetadata = {
    createdAt: startedAt,
    providerId: req.providerId,
    modelId: req.modelId,
    params,
    status: "streaming",
    ...(versions.versions ? { versions: versions.versions } : {}),
    ...(versions.promptVersions ? { promptVersions: versions.promptVersions } : {}),
  };

  // The turn's events, each serialized once as it is made (turn-response.ts); every reader sends the text.
  const replay = new ReplayStream<string>();
  const write = (chunk: ChatUIMessageChunk) => replay.push(sseEvent(chunk));
  turn.stream = replay;
  void replay.finished.then(() => {
    unregister();
    release?.();
  });

  const logError = (e: unknown) => {
    // The error reaches the user as message metadata; the log gets one line, not the request dump.
    const m = toMessageError(e, provider.name, [apiKey]);
    console.warn(`[chat] ${req.providerId}/${req.modelId}: ${m.code} ${m.statusCode ?? ""} ${m.message}`);
    return m;
  };

  const answer = async () => {
    write({ type: "start", messageId: assistantId, messageMetadata: base });
    let reasoning = "";
    let text = "";
    let reasoningOpen = false;
    let textOpen = false;
    const timings: MessageTimings = {};
    let usage: MessageUsage = {};
    let rawFinish: string | undefined;
    let error: MessageMetadata["error"];
    let aborted = false;

    let lastFlushAt = Date.now();
    let flushedChars = 0;
    try {
      const { stream } = await call.result;
      for await (const part of stream) {
        // Flush the partial answer now and then so a reload or a crash mid-stream keeps most of it, without
        // rewriting the growing row every second (flush-policy.ts).
        const now = Date.now();
        const totalChars = text.length + reasoning.length;
        if (shouldFlush({ now, lastFlushAt, flushedChars, totalChars })) {
          lastFlushAt = now;
          flushedChars = totalChars;
          await t.flushAnswer(db, ownerId, req.conversationId, assistantId, { content: text, reasoning });
        }
        switch (part.type) {
          case "reasoning-delta": {
            if (!part.text) break;
            const delta = storableText(part.text);
            timings.firstReasoningMs ??= Date.now() - startedAt;
            if (!reasoningOpen) write({ type: "reasoning-start", id: "r" });
            reasoningOpen = true;
            reasoning += delta;
            write({ type: "reasoning-delta", id: "r", delta });
            break;
          }
          case "text-delta": {
            if (!part.text) break;
            const delta = storableText(part.text);
            timings.firstAnswerMs ??= Date.now() - startedAt;
            if (reasoningOpen) write({ type: "reasoning-end", id: "r" });
            reasoningOpen = false;
            if (!textOpen) write({ type: "text-start", id: "t" });
            textOpen = true;
            text += delta;
            write({ type: "text-delta", id: "t", delta });
            break;
          }
          case "model-call-end":
            usage = toUsage(part.usage);
            rawFinish = part.rawFinishReason;
            break;
          case "error":
            if (!signal.aborted) error ??= logError(part.error);
            break;
        }
      }
    } catch (e) {
      // A stop or the timeout fails the provider's body with the signal's reason; anything else is the call's
      // own failure (refused, unreachable, cut off).
      if (!signal.aborted) error ??= logError(e);
    }
    // Ended by a stop or the timeout before the provider finished.
    aborted = signal.aborted && rawFinish === undefined;
    clearTimeout(timer);
    if (reasoningOpen) write({ type: "reasoning-end", id: "r" });
    if (textOpen) write({ type: "text-end", id: "t" });

    const end = Date.now();
    timings.totalMs = end - startedAt;
    const firstToken = Math.min(timings.firstReasoningMs ?? Infinity, timings.firstAnswerMs ?? Infinity);
    if (usage.completionTokens && Number.isFinite(firstToken) && end - startedAt > firstToken) {
      timings.tokensPerSecond =
        Math.round((usage.completionTokens / ((end - startedAt - firstToken) / 1000)) * 10) / 10;
    }
    const { status, error: finalError } = decideOutcome({
      providerName: provider.name,
      aborted,
      timedOut: timeout.aborted && !stopController.signal.aborted,
      error,
      rawFinish,
    });
    const final: MessageMetadata = {
      ...base,
      paramsSent,
      usage,
      timings,
      finishReason: rawFinish,
      status,
      ...(finalError ? { error: finalError } : {}),
    };
    await t.finishAnswer(db, ownerId, req.conversationId, assistantId, {
      content: text,
      reasoning: reasoning || null,
      paramsSent: paramsSent ?? null,
      usage,
      timings,
      finishReason: rawFinish ?? null,
      status,
      error: finalError ?? null,
    });
    write({ type: "message-metadata", messageMetadata: final });
    write({ type: "finish", messageMetadata: final });
  };

  answer()
    .catch((err) => {
      clearTimeout(timer);
      // Only reached by bugs above (provider failures are handled there); keep the row consistent.
      console.error("chat stream failed", err);
      q.updateMessage(db, ownerId, req.conversationId, assistantId, {
        status: "error",
        error: { code: "internal", message: "Internal error while streaming", retryable: true },
        instanceId: null,
      }).catch((e) => console.error("could not store the failed answer", e));
      // What createUIMessageStream sends when its execute fails.
      write({ type: "error", errorText: "Internal error while streaming" });
    })
    .finally(() => replay.close());
  // Offered to the other instances (REDIS_URL) without waiting: the answer starts streaming here at once.
  void turnChannel()
    .then((channel) => channel.publish(assistantId, replay))
    .catch((err) =>
      console.warn("[turns] turn channel unavailable:", err instanceof Error ? err.message : err),
    );
  return turnResponse(replay);
}
