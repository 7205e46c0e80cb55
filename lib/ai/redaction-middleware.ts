import type { LanguageModelMiddleware } from "ai";
import type { Redactor, StreamRedactor } from "@/lib/security/redact";

type WrapStream = NonNullable<LanguageModelMiddleware["wrapStream"]>;
type StreamResult = Awaited<ReturnType<WrapStream>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer P> ? P : never;
type WrapGenerate = NonNullable<LanguageModelMiddleware["wrapGenerate"]>;

/**
 * Redacts answer and reasoning text as the model writes it. The response body is already redacted
 * (providers.ts), but a model echoing a key token by token spreads it over many events of a few
 * characters each, which only the assembled text shows.
 */
export function redactionMiddleware(redactor: Redactor): LanguageModelMiddleware {
  const wrapStream: WrapStream = async ({ doStream }) => {
    const result = await doStream();
    if (!redactor.active) return result;
    const open = new Map<string, { part: "text-delta" | "reasoning-delta"; id: string; r: StreamRedactor }>();
    const flush = (key: string, controller: TransformStreamDefaultController<StreamPart>) => {
      const entry = open.get(key);
      if (!entry) return;
      open.delete(key);
      const delta = entry.r.end();
      if (delta) controller.enqueue({ type: entry.part, id: entry.id, delta });
    };
    const stream = result.stream.pipeThrough(
      new TransformStream<StreamPart, StreamPart>({
        transform(part, controller) {
          if (part.type === "text-delta" || part.type === "reasoning-delta") {
            const key = `${part.type}:${part.id}`;
            let entry = open.get(key);
            if (!entry) {
              entry = { part: part.type, id: part.id, r: redactor.textStream() };
              open.set(key, entry);
            }
            const delta = entry.r.push(part.delta);
            if (delta) controller.enqueue({ ...part, delta });
            return;
          }
          // What is held back goes out before its part ends, and before the finish or an error.
          if (part.type === "text-end") flush(`text-delta:${part.id}`, controller);
          else if (part.type === "reasoning-end") flush(`reasoning-delta:${part.id}`, controller);
          else if (part.type === "finish" || part.type === "error")
            for (const key of [...open.keys()]) flush(key, controller);
          controller.enqueue(part);
        },
        flush(controller) {
          for (const key of [...open.keys()]) flush(key, controller);
        },
      }),
    );
    return { ...result, stream };
  };

  const wrapGenerate: WrapGenerate = async ({ doGenerate }) => {
    const result = await doGenerate();
    if (!redactor.active) return result;
    return {
      ...result,
      content: result.content.map((c) =>
        c.type === "text" || c.type === "reasoning" ? { ...c, text: redactor.redact(c.text) } : c,
      ),
    };
  };

  return { specificationVersion: "v4", wrapStream, wrapGenerate };
}
