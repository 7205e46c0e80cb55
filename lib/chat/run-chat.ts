import "server-only";
import { createUIMessageStream, createUIMessageStreamResponse, streamText } from "ai";
import * as cq from "@/db/queries/comparisons";
import * as q from "@/db/queries/conversations";
import type { MessageRow } from "@/db/schema";
import { toMessageError } from "@/lib/ai/provider-errors";
import { createLanguageModel, getPreset } from "@/lib/ai/providers";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GenerationParams } from "@/lib/params";
import { DEFAULT_CHAT_TITLE, DEFAULT_COMPARISON_TITLE } from "./defaults";
import { toModelMessages } from "./history";
import { checkModelSettings } from "./model-settings";
import type { ChatRequest } from "./request-schema";
import type { ChatUIMessage, MessageMetadata, MessageStatus, MessageTimings, MessageUsage } from "./types";

const TITLE_MAX = 80;
const FLUSH_EVERY_MS = 1000;

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

/** Apply the request to the stored conversation (user message stored before the provider is called). */
function prepareHistory(ownerId: string, req: ChatRequest, params: GenerationParams): MessageRow[] {
  const db = getDb();
  const firstText = req.message?.text ?? "";
  const conv = q.ensureConversation(db, ownerId, {
    id: req.conversationId,
    title: titleFrom(firstText) || DEFAULT_CHAT_TITLE,
    providerId: req.providerId,
    modelId: req.modelId,
    params,
  });
  if (!conv) throw new AppError("not_found", "Conversation not found");
  q.updateConversationSettings(db, ownerId, conv.id, {
    providerId: req.providerId,
    modelId: req.modelId,
    params,
  });
  const rows = q.getMessages(db, ownerId, conv.id);
  if (conv.comparisonId) {
    // A comparison column: the comparison takes its title from the first message, like a chat.
    const cmp = cq.getComparison(db, ownerId, conv.comparisonId);
    if (cmp && req.message && cmp.title === DEFAULT_COMPARISON_TITLE) {
      cq.renameComparison(db, ownerId, cmp.id, titleFrom(req.message.text));
    }
    cq.touchComparison(db, ownerId, conv.comparisonId);
  }
  if (req.trigger === "submit" && req.message) {
    const edited = rows.find((r) => r.id === req.message?.id);
    if (edited && edited.role !== "user") {
      throw new AppError("invalid_request", "Only user messages can be edited", [
        { field: "message.id", message: "Not a user message" },
      ]);
    }
    if (edited) q.truncateFrom(db, ownerId, conv.id, edited.seq);
    q.appendMessage(db, ownerId, {
      id: req.message.id,
      conversationId: conv.id,
      role: "user",
      content: req.message.text,
      createdAt: Date.now(),
    });
  } else {
    const lastUser = rows.findLast((r) => r.role === "user");
    if (!lastUser) {
      throw new AppError("invalid_request", "Nothing to regenerate", [
        { field: "trigger", message: "The conversation has no user message" },
      ]);
    }
    q.truncateFrom(db, ownerId, conv.id, lastUser.seq + 1);
  }
  return q.getMessages(db, ownerId, conv.id);
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

/** Orchestrates one chat turn: validate, persist the user turn, stream the provider, persist the answer. */
export async function runChat(ownerId: string, req: ChatRequest, signal: AbortSignal): Promise<Response> {
  const { provider, params } = await checkModelSettings(req);
  const history = prepareHistory(ownerId, req, params);
  const db = getDb();
  const preset = getPreset(req.providerId);
  const assistantId = crypto.randomUUID();
  const startedAt = Date.now();
  q.appendMessage(db, ownerId, {
    id: assistantId,
    conversationId: req.conversationId,
    role: "assistant",
    providerId: req.providerId,
    modelId: req.modelId,
    params,
    status: "streaming",
    createdAt: startedAt,
  });

  const timeout = AbortSignal.timeout(env().PROVIDER_TIMEOUT_MS);
  const base: MessageMetadata = {
    createdAt: startedAt,
    providerId: req.providerId,
    modelId: req.modelId,
    params,
    status: "streaming",
  };
  let paramsSent: Record<string, unknown> | undefined;

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: "start", messageId: assistantId, messageMetadata: base });
      let reasoning = "";
      let text = "";
      let reasoningOpen = false;
      let textOpen = false;
      const timings: MessageTimings = {};
      let usage: MessageUsage = {};
      let rawFinish: string | undefined;
      let error: MessageMetadata["error"];
      let aborted = false;

      const result = streamText({
        model: createLanguageModel(req.providerId, req.modelId, (body) => {
          // Keep the generation parameters exactly as sent; history, model and stream flags are recorded elsewhere.
          const { messages: _m, model: _model, stream: _s, stream_options: _so, ...sampling } = body;
          paramsSent = sampling;
        }),
        instructions: params.system,
        messages: toModelMessages(history),
        temperature: params.temperature,
        topP: params.topP,
        maxOutputTokens: params.maxTokens,
        frequencyPenalty: params.frequencyPenalty,
        presencePenalty: params.presencePenalty,
        stopSequences: params.stop,
        seed: params.seed,
        maxRetries: env().PROVIDER_MAX_RETRIES,
        abortSignal: AbortSignal.any([signal, timeout]),
        // The error reaches the user as message metadata below; the log gets one line, not the request dump.
        onError: ({ error: e }) => {
          const m = toMessageError(e, provider.name, [preset.apiKey()]);
          console.warn(
            `[chat] ${req.providerId}/${req.modelId}: ${m.code} ${m.statusCode ?? ""} ${m.message}`,
          );
        },
      });

      let lastFlush = Date.now();
      for await (const part of result.stream) {
        // Flush the partial answer now and then so a reload or a crash mid-stream loses little.
        if (Date.now() - lastFlush > FLUSH_EVERY_MS) {
          lastFlush = Date.now();
          q.updateMessage(db, ownerId, req.conversationId, assistantId, { content: text, reasoning });
        }
        switch (part.type) {
          case "reasoning-delta":
            if (!part.text) break;
            timings.firstReasoningMs ??= Date.now() - startedAt;
            if (!reasoningOpen) writer.write({ type: "reasoning-start", id: "r" });
            reasoningOpen = true;
            reasoning += part.text;
            writer.write({ type: "reasoning-delta", id: "r", delta: part.text });
            break;
          case "text-delta":
            if (!part.text) break;
            timings.firstAnswerMs ??= Date.now() - startedAt;
            if (reasoningOpen) writer.write({ type: "reasoning-end", id: "r" });
            reasoningOpen = false;
            if (!textOpen) writer.write({ type: "text-start", id: "t" });
            textOpen = true;
            text += part.text;
            writer.write({ type: "text-delta", id: "t", delta: part.text });
            break;
          case "finish-step":
            usage = toUsage(part.usage);
            rawFinish = part.rawFinishReason;
            break;
          case "error":
            error ??= toMessageError(part.error, provider.name, [preset.apiKey()]);
            break;
          case "abort":
            aborted = true;
            break;
        }
      }
      if (reasoningOpen) writer.write({ type: "reasoning-end", id: "r" });
      if (textOpen) writer.write({ type: "text-end", id: "t" });

      const end = Date.now();
      timings.totalMs = end - startedAt;
      const firstToken = Math.min(timings.firstReasoningMs ?? Infinity, timings.firstAnswerMs ?? Infinity);
      if (usage.completionTokens && Number.isFinite(firstToken) && end - startedAt > firstToken) {
        timings.tokensPerSecond =
          Math.round((usage.completionTokens / ((end - startedAt - firstToken) / 1000)) * 10) / 10;
      }
      if (aborted && timeout.aborted && !signal.aborted) {
        aborted = false;
        error ??= { code: "timeout", message: `${provider.name} did not finish in time.`, retryable: true };
      }
      if (!aborted && !error && !rawFinish) {
        error = {
          code: "incomplete_stream",
          message: `${provider.name}'s stream ended without a finish reason; the answer may be incomplete.`,
          retryable: true,
        };
      }
      if (!error && rawFinish === "insufficient_system_resource") {
        error = {
          code: "insufficient_system_resource",
          message: `${provider.name} ran out of inference resources (insufficient_system_resource). Retry later.`,
          retryable: true,
        };
      }
      const status: MessageStatus = aborted
        ? "stopped"
        : error
          ? "error"
          : rawFinish === "length"
            ? "length"
            : "complete";
      const final: MessageMetadata = {
        ...base,
        paramsSent,
        usage,
        timings,
        finishReason: rawFinish,
        status,
        ...(error ? { error } : {}),
      };
      q.updateMessage(db, ownerId, req.conversationId, assistantId, {
        content: text,
        reasoning: reasoning || null,
        paramsSent: paramsSent ?? null,
        usage,
        timings,
        finishReason: rawFinish ?? null,
        status,
        error: error ?? null,
      });
      writer.write({ type: "message-metadata", messageMetadata: final });
      writer.write({ type: "finish", messageMetadata: final });
    },
    onError: (err) => {
      // Only reached by bugs in execute (provider failures are handled above); keep the row consistent.
      console.error("chat stream failed", err);
      q.updateMessage(db, ownerId, req.conversationId, assistantId, {
        status: "error",
        error: { code: "internal", message: "Internal error while streaming", retryable: true },
      });
      return "Internal error while streaming";
    },
  });
  return createUIMessageStreamResponse({ stream });
}
