import { z } from "zod";
import type { NgramModel } from "./ngram";
import {
  createRng,
  type DeltaEvent,
  type FinishEvent,
  type GenerationEvent,
  generate,
  type PromptMessage,
  randomSeed,
  type SamplingParams,
} from "./sampler";
import { tokenize } from "./tokenizer";

export const OFFLINE_MODEL_ID = "offline/ngram";

const OWNED_BY = "speciale-playground";
// Fixed (2026-01-01) so that /models is stable across restarts.
const MODEL_CREATED = 1_767_225_600;
const SYSTEM_FINGERPRINT = "fp_offline_ngram";
const DEFAULT_MAX_TOKENS = 2048;
const MAX_STOP = 4;

interface HandlerOptions {
  /** the trained model; called only for valid requests, so training stays lazy */
  model: () => NgramModel;
  tokensPerSecond: number;
}

const bounded = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`)
    .nullish();

const tokenLimit = (name: string) =>
  z
    .number({ error: `${name} must be an integer` })
    .int(`${name} must be an integer`)
    .min(1, `${name} must be at least 1`)
    .nullish();

const textPart = z.object({ type: z.literal("text"), text: z.string() });

const messageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"], {
    error: "role must be one of system, developer, user, assistant, tool",
  }),
  // reasoning_content and other extra fields are accepted and ignored (zod strips unknown keys).
  content: z
    .union([z.string(), z.array(textPart)], { error: "content must be a string or an array of text parts" })
    .nullish(),
});

const requestSchema = z.object(
  {
    model: z.string({ error: "model must be a string" }),
    messages: z
      .array(messageSchema, { error: "messages must be an array" })
      .min(1, "messages must contain at least one message"),
    stream: z.boolean({ error: "stream must be a boolean" }).nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    temperature: bounded("temperature", 0, 2),
    top_p: bounded("top_p", 0, 1),
    frequency_penalty: bounded("frequency_penalty", -2, 2),
    presence_penalty: bounded("presence_penalty", -2, 2),
    max_tokens: tokenLimit("max_tokens"),
    max_completion_tokens: tokenLimit("max_completion_tokens"),
    stop: z
      .union([z.string().min(1), z.array(z.string().min(1)).max(MAX_STOP)], {
        error: `stop must be a non-empty string or an array of at most ${MAX_STOP} non-empty strings`,
      })
      .nullish(),
    seed: z.number({ error: "seed must be an integer" }).int("seed must be an integer").nullish(),
  },
  { error: "The request body must be a JSON object" },
);

type ChatRequest = z.infer<typeof requestSchema>;

function errorResponse(status: number, message: string, param: string | null, code: string): Response {
  return Response.json({ error: { message, type: "invalid_request_error", param, code } }, { status });
}

/** OpenAI-style parameter path: messages[0].content */
function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function validationError(issue: z.core.$ZodIssue, body: unknown): Response {
  const param = paramName(issue.path);
  if (param && valueAt(body, issue.path) === undefined) {
    return errorResponse(400, `Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  }
  const code = issue.code === "invalid_type" ? "invalid_type" : "invalid_value";
  return errorResponse(400, param ? `Invalid '${param}': ${issue.message}.` : issue.message, param, code);
}

function promptMessages(request: ChatRequest): PromptMessage[] {
  return request.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role === "tool" ? "assistant" : m.role,
    content: typeof m.content === "string" ? m.content : (m.content ?? []).map((p) => p.text).join("\n"),
  }));
}

function samplingParams(request: ChatRequest): SamplingParams {
  return {
    temperature: request.temperature ?? 1,
    topP: request.top_p ?? 1,
    frequencyPenalty: request.frequency_penalty ?? 0,
    presencePenalty: request.presence_penalty ?? 0,
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
    stop: typeof request.stop === "string" ? [request.stop] : (request.stop ?? []),
    seed: request.seed ?? undefined,
  };
}

interface CompletionMeta {
  id: string;
  created: number;
  promptTokens: number;
}

function usage(meta: CompletionMeta, finish: FinishEvent) {
  return {
    prompt_tokens: meta.promptTokens,
    completion_tokens: finish.completionTokens,
    total_tokens: meta.promptTokens + finish.completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: finish.reasoningTokens },
    prompt_cache_hit_tokens: 0,
    prompt_cache_miss_tokens: meta.promptTokens,
  };
}

function envelope(meta: CompletionMeta, object: string) {
  return {
    id: meta.id,
    object,
    created: meta.created,
    model: OFFLINE_MODEL_ID,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

function chunk(
  meta: CompletionMeta,
  delta: Record<string, string | null>,
  finishReason: string | null = null,
) {
  return {
    ...envelope(meta, "chat.completion.chunk"),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  };
}

function deltaOf(event: DeltaEvent): Record<string, string | null> {
  return event.channel === "reasoning"
    ? { content: null, reasoning_content: event.text }
    : { content: event.text, reasoning_content: null };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** Releases tokens at a steady rate; waits end early when the request is aborted. */
function createPacer(tokensPerSecond: number, signal: AbortSignal) {
  const start = performance.now();
  const interval = 1000 / tokensPerSecond;
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  return {
    /** Resolves when the n-th token is due. */
    async until(n: number): Promise<void> {
      const delay = start + n * interval - performance.now();
      if (delay < 1 || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => wake?.(), delay);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    },
    dispose(): void {
      signal.removeEventListener("abort", onAbort);
      wake?.();
    },
  };
}

type Pacer = ReturnType<typeof createPacer>;

function streamResponse(
  events: Generator<GenerationEvent, void>,
  meta: CompletionMeta,
  includeUsage: boolean,
  pacer: Pacer,
  signal: AbortSignal,
): Response {
  const encoder = new TextEncoder();
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, data: unknown) =>
    controller.enqueue(encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`));
  let tokens = 0;
  let cancelled = false;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      send(controller, chunk(meta, { role: "assistant", content: null, reasoning_content: "" }));
    },
    // One chunk per pull, so generation advances only as fast as the reader consumes and the pace allows.
    async pull(controller) {
      for (;;) {
        if (signal.aborted) {
          pacer.dispose();
          events.return();
          controller.error(abortReason(signal));
          return;
        }
        const { value: event } = events.next();
        if (!event) throw new Error("unreachable: generation always ends with a finish event");
        if (event.type === "finish") {
          pacer.dispose();
          send(controller, chunk(meta, { content: "", reasoning_content: null }, event.finishReason));
          if (includeUsage)
            send(controller, {
              ...envelope(meta, "chat.completion.chunk"),
              choices: [],
              usage: usage(meta, event),
            });
          send(controller, "[DONE]");
          controller.close();
          return;
        }
        tokens += event.tokens;
        await pacer.until(tokens);
        if (cancelled) return;
        if (event.text && !signal.aborted) {
          send(controller, chunk(meta, deltaOf(event)));
          return;
        }
      }
    },
    cancel() {
      cancelled = true;
      pacer.dispose();
      events.return();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}

async function completionResponse(
  events: Generator<GenerationEvent, void>,
  meta: CompletionMeta,
  pacer: Pacer,
): Promise<Response> {
  const text = { reasoning: "", answer: "" };
  let finish: FinishEvent | undefined;
  for (const event of events) {
    if (event.type === "finish") finish = event;
    else text[event.channel] += event.text;
  }
  if (!finish) throw new Error("unreachable: generation always ends with a finish event");
  // A real host answers after generating every token; keep the same latency.
  await pacer.until(finish.completionTokens);
  pacer.dispose();
  return Response.json({
    ...envelope(meta, "chat.completion"),
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text.answer, reasoning_content: text.reasoning },
        logprobs: null,
        finish_reason: finish.finishReason,
      },
    ],
    usage: usage(meta, finish),
  });
}

/** POST /v1/chat/completions */
export async function handleChatCompletions(req: Request, options: HandlerOptions): Promise<Response> {
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return errorResponse(
      400,
      "We could not parse the JSON body of your request. The body must be valid JSON.",
      null,
      "invalid_json",
    );
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) return validationError(parsed.error.issues[0], json);
  const request = parsed.data;
  if (request.model !== OFFLINE_MODEL_ID) {
    return errorResponse(404, `The model \`${request.model}\` does not exist`, "model", "model_not_found");
  }

  const messages = promptMessages(request);
  const params = samplingParams(request);
  const events = generate(options.model(), messages, params, createRng(params.seed ?? randomSeed()));
  const meta: CompletionMeta = {
    id: `chatcmpl-${crypto.randomUUID()}`,
    created: Math.floor(Date.now() / 1000),
    promptTokens: messages.reduce((n, m) => n + tokenize(m.content).length, 0),
  };
  const pacer = createPacer(options.tokensPerSecond, req.signal);
  return request.stream
    ? streamResponse(events, meta, request.stream_options?.include_usage === true, pacer, req.signal)
    : completionResponse(events, meta, pacer);
}

/** GET /v1/models */
export function modelsResponse(): Response {
  return Response.json({
    object: "list",
    data: [{ id: OFFLINE_MODEL_ID, object: "model", created: MODEL_CREATED, owned_by: OWNED_BY }],
  });
}
