import { type GenerationParams, type SAMPLING_PARAM_KEYS, WIRE_NAMES } from "@/lib/params";

/** One message of a chat-completions request as we send it: plain text, no reasoning. */
export interface WireMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The JSON body of POST {base}/chat/completions as the app sends it. */
export interface ChatCompletionBody {
  model: string;
  messages: WireMessage[];
  stream: true;
  stream_options: { include_usage: true };
  [samplingField: string]: unknown;
}

// The order @ai-sdk/openai-compatible writes the sampling fields in (its getArgs); the body is then
// compared byte for byte in chat-request.test.ts.
const SDK_ORDER = [
  "maxTokens",
  "temperature",
  "topP",
  "frequencyPenalty",
  "presencePenalty",
  "stop",
  "seed",
] as const;
SDK_ORDER satisfies readonly (typeof SAMPLING_PARAM_KEYS)[number][];

/** The sampling fields a parameter set puts in the body, by wire name; unset parameters are absent. */
export function wireSampling(params: GenerationParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SDK_ORDER) {
    const value = params[key];
    if (value !== undefined) out[WIRE_NAMES[key]] = value;
  }
  return out;
}

/**
 * The request body for one turn: the model, the sampling fields (by wire name, e.g. a stored answer's
 * `paramsSent`), the system prompt first, then the history as sent (answer text only: lib/chat/history.ts),
 * and the streaming flags the app always sets (usage is only reported when asked for).
 */
export function buildChatCompletionBody(input: {
  modelId: string;
  sampling: Record<string, unknown>;
  system?: string;
  history: readonly { role: "user" | "assistant"; content: string }[];
}): ChatCompletionBody {
  const messages: WireMessage[] = [
    ...(input.system ? [{ role: "system" as const, content: input.system }] : []),
    ...input.history.map((m) => ({ role: m.role, content: m.content })),
  ];
  return {
    model: input.modelId,
    ...input.sampling,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
}
