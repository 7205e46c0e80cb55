import { type APIRequestContext, type APIResponse, expect } from "@playwright/test";

/** The app's JSON shapes, as far as the tests read them (lib/chat/types.ts, lib/ai/models.ts). */
export interface ApiMessagePart {
  type: string;
  text?: string;
}

export interface ApiMessage {
  id: string;
  role: "user" | "assistant";
  parts: ApiMessagePart[];
  metadata?: {
    createdAt?: number;
    providerId?: string;
    modelId?: string;
    params?: Record<string, unknown>;
    paramsSent?: Record<string, unknown>;
    usage?: Record<string, number | undefined>;
    timings?: Record<string, number | undefined>;
    finishReason?: string;
    status?: string;
    error?: { code: string; message: string; statusCode?: number; retryable: boolean };
  };
}

export interface ApiConversation {
  id: string;
  title: string;
  providerId: string;
  modelId: string;
  createdAt: number;
  updatedAt: number;
  params: Record<string, unknown>;
  messages: ApiMessage[];
}

export interface ApiCatalog {
  providers: Array<{
    id: string;
    name: string;
    configured: boolean;
    offline: boolean;
    defaultModel: string;
    models: Array<{
      id: string;
      listed: boolean;
      limits: {
        topPMin: number;
        maxTokens: number;
        maxStop: number;
        seedMin: number;
        ignored: string[];
        ignoredNote?: string;
      };
    }>;
    modelsError?: string;
  }>;
  defaultSelection: { providerId: string; modelId: string };
}

export const textOf = (m: ApiMessage): string =>
  m.parts
    .filter((p) => p.type === "text")
    .map((p) => p.text ?? "")
    .join("");

export const reasoningOf = (m: ApiMessage): string =>
  m.parts
    .filter((p) => p.type === "reasoning")
    .map((p) => p.text ?? "")
    .join("");

/** A parsed AI SDK UI message stream (SSE) as returned by POST /api/chat. */
export interface UiStream {
  raw: string;
  chunks: Array<Record<string, unknown> & { type: string }>;
  done: boolean;
  reasoning: string;
  text: string;
  /** start/message-metadata/finish metadata merged in order */
  metadata: NonNullable<ApiMessage["metadata"]>;
}

export function parseUiStream(raw: string): UiStream {
  const chunks: UiStream["chunks"] = [];
  let done = false;
  for (const event of raw.split(/\r?\n\r?\n/)) {
    for (const line of event.split(/\r?\n/)) {
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") done = true;
      else if (data !== "") chunks.push(JSON.parse(data));
    }
  }
  let reasoning = "";
  let text = "";
  let metadata: UiStream["metadata"] = {};
  for (const c of chunks) {
    if (c.type === "reasoning-delta") reasoning += String(c.delta);
    if (c.type === "text-delta") text += String(c.delta);
    if (c.messageMetadata && typeof c.messageMetadata === "object") {
      metadata = { ...metadata, ...(c.messageMetadata as UiStream["metadata"]) };
    }
  }
  return { raw, chunks, done, reasoning, text, metadata };
}

export interface ChatBody {
  conversationId: string;
  trigger: "submit" | "regenerate";
  message?: { id: string; text: string };
  providerId: string;
  modelId: string;
  params: Record<string, unknown>;
}

/** The app's HTTP API, through Playwright's request context (baseURL = the app under test). */
export class AppApi {
  readonly request: APIRequestContext;

  constructor(request: APIRequestContext) {
    this.request = request;
  }

  postChat(body: unknown): Promise<APIResponse> {
    return this.request.post("/api/chat", { data: body as Record<string, unknown>, timeout: 30_000 });
  }

  /** POST /api/chat, expect 200, and read the whole UI message stream. */
  async chat(body: ChatBody): Promise<UiStream> {
    const res = await this.postChat(body);
    const raw = await res.text();
    expect(res.status(), raw.slice(0, 500)).toBe(200);
    return parseUiStream(raw);
  }

  async conversation(id: string): Promise<ApiConversation> {
    const res = await this.request.get(`/api/conversations/${id}`);
    expect(res.status(), `GET /api/conversations/${id}`).toBe(200);
    return (await res.json()) as ApiConversation;
  }

  conversationResponse(id: string): Promise<APIResponse> {
    return this.request.get(`/api/conversations/${id}`);
  }

  /** Poll until the conversation's last assistant message has left "streaming"; returns the conversation. */
  async settledConversation(id: string, timeout = 10_000): Promise<ApiConversation> {
    let conv: ApiConversation | undefined;
    await expect(async () => {
      conv = await this.conversation(id);
      const last = conv.messages.at(-1);
      expect(last?.role).toBe("assistant");
      expect(last?.metadata?.status).not.toBe("streaming");
    }).toPass({ timeout });
    return conv as ApiConversation;
  }

  async catalog(): Promise<ApiCatalog> {
    const res = await this.request.get("/api/providers");
    expect(res.status()).toBe(200);
    return (await res.json()) as ApiCatalog;
  }
}

const answer = (n: number) =>
  `Answer ${n}. ${"This paragraph is long enough to wrap over a few lines of the message column, so that a page of messages is taller than the window. ".repeat(3)}`;

/** An offline-model conversation of `turns` answered turns, imported (its prose wraps over a few lines). */
export async function importConversation(
  request: APIRequestContext,
  title: string,
  turns: number,
): Promise<{ id: string; url: string }> {
  const messages = Array.from({ length: turns }, (_, t) => [
    { role: "user", content: `Question ${t}`, createdAt: 1000 + 2 * t },
    {
      role: "assistant",
      content: answer(t),
      createdAt: 1001 + 2 * t,
      providerId: "offline",
      modelId: "offline/ngram",
    },
  ]).flat();
  const res = await request.post("/api/conversations/import", {
    data: {
      format: "speciale-playground/conversation",
      version: 1,
      exportedAt: 1,
      conversation: {
        title,
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
        createdAt: 1000,
        updatedAt: 1000,
        messages,
      },
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; url: string };
}
