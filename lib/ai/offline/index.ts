import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { handleChatCompletions, modelsResponse, OFFLINE_MODEL_ID } from "./handler";
import { loadCorpus, NgramModel } from "./ngram";

export { OFFLINE_MODEL_ID };

export interface OfflineServer {
  /** POST /v1/chat/completions */
  chatCompletions(req: Request): Promise<Response>;
  /** GET /v1/models */
  models(): Response;
  /** A fetch that serves any URL ending in /chat/completions or /models from this server; pass it to createOpenAICompatible({ fetch }). */
  fetch: typeof globalThis.fetch;
}

// On globalThis so that dev-mode module reloads do not retrain.
const MODEL_KEY = Symbol.for("speciale-playground.offline-ngram");
const store = globalThis as typeof globalThis & { [MODEL_KEY]?: NgramModel };

function trainedModel(): NgramModel {
  store[MODEL_KEY] ??= new NgramModel(loadCorpus(path.join(process.cwd(), "lib/ai/offline/corpus")));
  return store[MODEL_KEY];
}

export function createOfflineServer(opts: { tokensPerSecond: number }): OfflineServer {
  const chatCompletions = (req: Request) =>
    handleChatCompletions(req, { model: trainedModel, tokensPerSecond: opts.tokensPerSecond });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    // Like a network fetch: an aborted request rejects with the abort reason.
    req.signal.throwIfAborted();
    const { pathname } = new URL(req.url);
    let res: Response;
    if (req.method === "POST" && pathname.endsWith("/chat/completions")) res = await chatCompletions(req);
    else if (req.method === "GET" && pathname.endsWith("/models")) res = modelsResponse();
    else {
      res = Response.json(
        {
          error: {
            message: `No route for ${req.method} ${pathname}`,
            type: "invalid_request_error",
            param: null,
            code: "not_found",
          },
        },
        { status: 404 },
      );
    }
    req.signal.throwIfAborted();
    return res;
  };

  return { chatCompletions, models: modelsResponse, fetch: fetch as typeof globalThis.fetch };
}

let server: OfflineServer | undefined;

export function getOfflineServer(): OfflineServer {
  server ??= createOfflineServer({ tokensPerSecond: env().OFFLINE_TOKENS_PER_SECOND });
  return server;
}
