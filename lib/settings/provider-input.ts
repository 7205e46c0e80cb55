import { z } from "zod";

/**
 * A base URL for an OpenAI-compatible API: http(s) only, no credentials in it (the key has its own field and
 * is stored encrypted; a URL is shown and logged), no query or fragment (paths are appended to it). Localhost
 * is allowed: a local Ollama or vLLM is the owner's own configuration.
 */
export function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a full URL such as http://localhost:11434/v1";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must start with http:// or https://";
  if (url.username || url.password) return "must not contain a user name or password; put the key in API key";
  if (url.search || url.hash || raw.includes("?") || raw.includes("#"))
    return "must not contain a query or fragment";
  return undefined;
}

/** The URL as stored: without trailing slashes, so `${base}/models` has one. */
function normalizeBaseUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

const baseUrl = z
  .string()
  .trim()
  .min(1, "Base URL is required")
  .max(2000, "Base URL is too long")
  .superRefine((v, ctx) => {
    const problem = baseUrlProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `Base URL ${problem}` });
  })
  .transform(normalizeBaseUrl);

const name = z.string().trim().min(1, "Name is required").max(60, "Name is at most 60 characters");

/** Keys are header values: printable ASCII without spaces (a pasted newline would break every request). */
const apiKey = z
  .string()
  .trim()
  .min(1, "API key cannot be empty")
  .max(4096, "API key is too long")
  .regex(/^[\x21-\x7e]*$/, "API key must be printable characters without spaces");

const defaultModel = z.string().trim().max(200, "Default model is at most 200 characters");

/** POST /api/settings/providers: a custom provider. An empty key or default model means none. */
export const createProviderSchema = z
  .object({
    name,
    baseUrl,
    apiKey: z.union([z.literal(""), apiKey]).optional(),
    defaultModel: defaultModel.optional(),
  })
  .strict();

/**
 * PATCH /api/settings/providers/:id. For a preset only `apiKey`. `apiKey`: a string replaces the key, null
 * removes it, absent keeps it; `defaultModel` null or "" clears it.
 */
export const patchProviderSchema = z
  .object({
    name: name.optional(),
    baseUrl: baseUrl.optional(),
    apiKey: apiKey.nullable().optional(),
    defaultModel: defaultModel.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change", path: ["body"] });

export type CreateProviderInput = z.infer<typeof createProviderSchema>;
export type PatchProviderInput = z.infer<typeof patchProviderSchema>;
