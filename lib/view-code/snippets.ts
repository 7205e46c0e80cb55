import type { ChatCompletionBody } from "./chat-request";

/** Where a snippet sends its request, and how it finds the key (never the key itself). */
export interface CodeTarget {
  providerName: string;
  /** the name given to createOpenAICompatible in the TypeScript snippet */
  sdkName: string;
  /** base URL without a trailing slash, e.g. https://api.aimlapi.com/v1 */
  baseUrl: string;
  /** the variable the snippet reads the key from; none when the server needs no key */
  key?: {
    env: string;
    /** the key was set in /settings, not in the environment: the snippet says to export it first */
    fromSettings?: boolean;
  };
  /** one more line of explanation, e.g. that the offline model needs a signed-in session */
  note?: string;
}

export interface Snippets {
  curl: string;
  python: string;
  typescript: string;
}

/** An environment variable name: letters, digits and underscores, not starting with a digit. */
export function envVarName(text: string, suffix = "_API_KEY"): string {
  const base = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  const name = /^[A-Z]/.test(base) ? base : `PROVIDER_${base}`.replace(/_+$/, "");
  return `${name}${suffix}`;
}

/** A comment's text on one line: a newline in a provider's name must not end the comment. */
function commentText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

/** POSIX shell single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A Python literal of a JSON value. JSON's string escapes are all valid Python escapes. */
export function pythonLiteral(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)},`).join("\n")}\n${indent}}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript literal of a JSON value (JSON strings are valid JS strings, U+2028 included since ES2019). */
export function tsLiteral(value: unknown, indent = ""): string {
  if (value === null) return "null";
  if (typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${tsLiteral(v, inner)},`).join("\n")}\n${indent}}`;
}

const header = (target: CodeTarget, body: ChatCompletionBody, mark: string) => {
  const lines = [`${mark} ${commentText(`${target.providerName} · ${body.model}`)}`];
  if (target.key?.fromSettings) {
    lines.push(
      `${mark} The key of this provider was set in the playground's Settings: export it as ${target.key.env} first.`,
    );
  }
  if (target.note) lines.push(`${mark} ${commentText(target.note)}`);
  return lines.join("\n");
};

const STREAM_FIELDS = new Set(["model", "messages", "stream", "stream_options"]);

function samplingOf(body: ChatCompletionBody): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !STREAM_FIELDS.has(k)));
}

/** curl: the body in single quotes (sent as is, --data-binary), the key read from the environment. */
export function curlSnippet(target: CodeTarget, body: ChatCompletionBody): string {
  const lines = [
    `curl ${shellQuote(`${target.baseUrl}/chat/completions`)}`,
    ...(target.key ? [`-H "Authorization: Bearer $${target.key.env}"`] : []),
    `-H 'Content-Type: application/json'`,
    "--no-buffer",
    `--data-binary ${shellQuote(JSON.stringify(body, null, 2))}`,
  ];
  return `${header(target, body, "#")}\n${lines.join(" \\\n  ")}\n`;
}

// Fields the openai package takes as keyword arguments; anything else goes through extra_body.
const PYTHON_KWARGS = new Set([
  "max_tokens",
  "temperature",
  "top_p",
  "frequency_penalty",
  "presence_penalty",
  "stop",
  "seed",
]);

/** Python with the `openai` package, streaming and printing reasoning, answer and usage. */
export function pythonSnippet(target: CodeTarget, body: ChatCompletionBody): string {
  const sampling = samplingOf(body);
  const kwargs = Object.entries(sampling).filter(([k]) => PYTHON_KWARGS.has(k));
  const extra = Object.fromEntries(Object.entries(sampling).filter(([k]) => !PYTHON_KWARGS.has(k)));
  const apiKey = target.key
    ? `os.environ[${JSON.stringify(target.key.env)}]`
    : `"none",  # this server needs no key; the client needs a value`;
  const args = [
    `model=${pythonLiteral(body.model)}`,
    `messages=${pythonLiteral(body.messages, "    ")}`,
    ...kwargs.map(([k, v]) => `${k}=${pythonLiteral(v, "    ")}`),
    ...(Object.keys(extra).length ? [`extra_body=${pythonLiteral(extra, "    ")}`] : []),
    "stream=True",
    `stream_options=${pythonLiteral(body.stream_options, "    ")}`,
  ];
  return `${header(target, body, "#")}
${target.key ? "import os\n\n" : ""}from openai import OpenAI

client = OpenAI(
    base_url=${pythonLiteral(target.baseUrl)},
    api_key=${apiKey}
)

stream = client.chat.completions.create(
${args.map((a) => `    ${a},`).join("\n")}
)

for chunk in stream:
    if chunk.usage:
        print("\\n", chunk.usage)
    if not chunk.choices:
        continue
    delta = chunk.choices[0].delta
    # reasoning arrives as reasoning_content (DeepSeek, vLLM, SGLang) or reasoning (OpenRouter-style hosts)
    reasoning = getattr(delta, "reasoning_content", None) or getattr(delta, "reasoning", None)
    if reasoning:
        print(reasoning, end="", flush=True)
    if delta.content:
        print(delta.content, end="", flush=True)
`;
}

// The AI SDK's name of each wire field (the inverse of lib/chat/call-settings.ts + the provider's getArgs).
const SDK_SETTINGS: Record<string, string> = {
  max_tokens: "maxOutputTokens",
  temperature: "temperature",
  top_p: "topP",
  frequency_penalty: "frequencyPenalty",
  presence_penalty: "presencePenalty",
  stop: "stopSequences",
  seed: "seed",
};

/** TypeScript with the AI SDK (`ai` + `@ai-sdk/openai-compatible`), as the playground itself calls it. */
export function typescriptSnippet(target: CodeTarget, body: ChatCompletionBody): string {
  const sampling = samplingOf(body);
  const settings = Object.entries(sampling).filter(([k]) => k in SDK_SETTINGS);
  // Extra fields under providerOptions[name] are copied into the body by the provider.
  const extra = Object.fromEntries(Object.entries(sampling).filter(([k]) => !(k in SDK_SETTINGS)));
  const system = body.messages.find((m) => m.role === "system")?.content;
  const history = body.messages.filter((m) => m.role !== "system");
  const call = [
    `model: provider.chatModel(${tsLiteral(body.model)})`,
    ...(system !== undefined ? [`instructions: ${tsLiteral(system)}`] : []),
    `messages: ${tsLiteral(history, "  ")}`,
    ...settings.map(([k, v]) => `${SDK_SETTINGS[k]}: ${tsLiteral(v, "  ")}`),
    ...(Object.keys(extra).length
      ? [`providerOptions: ${tsLiteral({ [target.sdkName]: extra }, "  ")}`]
      : []),
  ];
  return `${header(target, body, "//")}
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";

const provider = createOpenAICompatible({
  name: ${tsLiteral(target.sdkName)},
  baseURL: ${tsLiteral(target.baseUrl)},
${target.key ? `  apiKey: process.env.${target.key.env},\n` : ""}  includeUsage: true, // sends stream_options.include_usage
});

const result = streamText({
${call.map((c) => `  ${c},`).join("\n")}
});

for await (const part of result.stream) {
  if (part.type === "reasoning-delta" || part.type === "text-delta") process.stdout.write(part.text);
}
console.log("\\n", await result.usage);
`;
}

export function renderSnippets(target: CodeTarget, body: ChatCompletionBody): Snippets {
  return {
    curl: curlSnippet(target, body),
    python: pythonSnippet(target, body),
    typescript: typescriptSnippet(target, body),
  };
}
