import "server-only";
import { type LanguageModel, streamText } from "ai";
import { withRequestBodyListener } from "@/lib/ai/providers";
import { toCallSettings } from "@/lib/chat/call-settings";
import type { ProbeSample } from "./decide";
import { PROBE_PROMPT, type ProbeRequestPlan } from "./plan";

export interface ProbeRunOptions {
  /** requests in flight at once */
  concurrency: number;
  /** per request, from its start to its last token */
  timeoutMs: number;
  /** turns an error into the words shown as evidence (the provider's own, redacted) */
  describeError: (err: unknown) => string;
  /** called as each request ends, for progress */
  onSample?: (sample: ProbeSample) => void;
}

/**
 * One probe request through the same path as a chat turn: the provider layer's model, the chat's parameter
 * mapping (toCallSettings) and its request-body listener, so what is tested is what the chat sends. No
 * retries: a retry would spend beyond the budget, and a failed request is simply no evidence.
 */
async function runOne(
  model: LanguageModel,
  plan: ProbeRequestPlan,
  opts: ProbeRunOptions,
): Promise<ProbeSample> {
  const started = Date.now();
  let sent: Record<string, unknown> = {};
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The provider took too long to answer", "TimeoutError")),
    opts.timeoutMs,
  );
  let output = "";
  let error: string | undefined;
  let finishReason: string | undefined;
  try {
    const result = withRequestBodyListener(
      (body) => {
        const { messages: _m, model: _model, stream: _s, stream_options: _so, ...sampling } = body;
        sent = sampling;
      },
      () =>
        streamText({
          model,
          prompt: PROBE_PROMPT,
          ...toCallSettings(plan.params),
          maxRetries: 0,
          abortSignal: controller.signal,
          onError: () => {}, // reported through the stream's error part below
        }),
    );
    let reasoning = "";
    let text = "";
    for await (const part of result.stream) {
      if (part.type === "reasoning-delta") reasoning += part.text;
      else if (part.type === "text-delta") text += part.text;
      else if (part.type === "finish-step") finishReason = part.rawFinishReason ?? part.finishReason;
      else if (part.type === "error") error ??= opts.describeError(part.error);
      else if (part.type === "abort") error ??= opts.describeError(controller.signal.reason);
    }
    output = [reasoning, text].filter((t) => t.trim()).join("\n\n");
  } catch (err) {
    error = opts.describeError(err);
  } finally {
    clearTimeout(timer);
  }
  return {
    id: plan.id,
    sent,
    output,
    ...(error !== undefined ? { error } : {}),
    ...(finishReason ? { finishReason } : {}),
    ms: Date.now() - started,
  };
}

/** Every request of the plan, at most `concurrency` at a time; the samples come back in plan order. */
export async function runProbeRequests(
  model: LanguageModel,
  plan: readonly ProbeRequestPlan[],
  opts: ProbeRunOptions,
): Promise<ProbeSample[]> {
  const samples: ProbeSample[] = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const i = next++;
      samples[i] = await runOne(model, plan[i], opts);
      opts.onSample?.(samples[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, plan.length)) }, worker));
  return samples;
}
