import "server-only";
import * as vq from "@/db/queries/view-code";
import type { MessageRow } from "@/db/schema";
import { findProvider } from "@/lib/ai/provider-registry";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { toModelMessages } from "@/lib/chat/history";
import { checkModelSettings } from "@/lib/chat/model-settings";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/params";
import { buildChatCompletionBody, wireSampling } from "./chat-request";
import { activeBranch, answerAncestors } from "./history";
import type { DraftCodeRequest } from "./request-schema";
import { type CodeTarget, envVarName, renderSnippets } from "./snippets";
import type { ViewCode } from "./types";

/** Sent in place of the message while the composer is empty. */
const PLACEHOLDER_MESSAGE = "Your message";

/** Where the snippets send the request: the provider's base URL now and the name of its key's variable. */
function codeTarget(providerId: string, origin: string): CodeTarget {
  const provider = findProvider(providerId);
  if (!provider) {
    throw new AppError("not_found", `Provider ${providerId} no longer exists`, [
      { field: "providerId", message: "Unknown provider" },
    ]);
  }
  if (providerId === "offline") {
    return {
      providerName: provider.name,
      sdkName: providerId,
      // The in-process model's public endpoint (README: The offline model).
      baseUrl: `${origin}/api/offline/v1`,
      note: env().PLAYGROUND_PASSWORD
        ? `This playground has a password: send a signed-in session's cookie (${SESSION_COOKIE}) with the request.`
        : undefined,
    };
  }
  if (!provider.baseUrl) {
    throw new AppError("invalid_request", `Provider ${provider.name} is not configured`, [
      { field: "providerId", message: "Provider is not configured" },
    ]);
  }
  return {
    providerName: provider.name,
    sdkName: providerId,
    baseUrl: provider.baseUrl.replace(/\/+$/, ""),
    key: provider.apiKey
      ? { env: provider.keyEnv ?? envVarName(provider.name), fromSettings: provider.source === "ui" }
      : undefined,
  };
}

function respond(
  target: CodeTarget,
  input: Parameters<typeof buildChatCompletionBody>[0],
  extra: Partial<ViewCode> = {},
): ViewCode {
  const body = buildChatCompletionBody(input);
  return {
    providerName: target.providerName,
    modelId: input.modelId,
    baseUrl: target.baseUrl,
    ...(target.key ? { keyEnv: target.key.env } : {}),
    ...extra,
    body,
    snippets: renderSnippets(target, body),
  };
}

const asHistory = (rows: MessageRow[]) =>
  toModelMessages(rows) as { role: "user" | "assistant"; content: string }[];

/**
 * The request that produced a stored answer: its model, the parameters exactly as sent (`paramsSent`), its
 * system prompt and the branch it answered — sent to the provider's base URL as configured now.
 */
export async function answerCode(ownerId: string, messageId: string, origin: string): Promise<ViewCode> {
  const db = getDb();
  const notFound = () =>
    new AppError("not_found", "No such answer", [{ field: "messageId", message: "Not an answer of yours" }]);
  const conversationId = await vq.messageConversationId(db, ownerId, messageId);
  if (!conversationId) throw notFound();
  const rows = await vq.allMessages(db, ownerId, conversationId);
  const answer = rows.find((r) => r.id === messageId);
  const history = answerAncestors(rows, messageId);
  if (answer?.role !== "assistant" || !answer.providerId || !answer.modelId || !history) {
    throw notFound();
  }
  const parsed = generationParamsSchema.safeParse(answer.params ?? {});
  const params = parsed.success ? parsed.data : {};
  return respond(codeTarget(answer.providerId, origin), {
    modelId: answer.modelId,
    // Answers stored before the body was recorded fall back to their parameters.
    sampling: answer.paramsSent ?? wireSampling(params),
    system: params.system,
    history: asHistory(history),
  });
}

/** The request the composer would send now: checked like a chat request (400 naming the field). */
export async function draftCode(ownerId: string, req: DraftCodeRequest, origin: string): Promise<ViewCode> {
  const { params } = await checkModelSettings(req);
  const rows = activeBranch(await vq.allMessages(getDb(), ownerId, req.conversationId));
  const text = req.text?.trim() ? req.text : undefined;
  const next = { role: "user" as const, content: text ?? PLACEHOLDER_MESSAGE } as MessageRow;
  return respond(
    codeTarget(req.providerId, origin),
    {
      modelId: req.modelId,
      sampling: wireSampling(params),
      system: params.system,
      history: asHistory([...rows, next]),
    },
    text ? {} : { placeholder: true },
  );
}
