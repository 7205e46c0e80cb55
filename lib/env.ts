import "server-only";
import { z } from "zod";

/** The only reader of process.env. Validated once, lazily, so a bad value fails loudly with its name. */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
/** "1"/"true"/"yes" → true; unset, "", "0", "false", "no" → false. */
const flag = optionalString.transform((v) => v !== undefined && /^(1|true|yes)$/i.test(v));

const envSchema = z
  .object({
    DATABASE_PATH: optionalString.transform((v) => v ?? "data/playground.db"),
    /** a postgres:// URL: the app runs on PostgreSQL (DATABASE_PATH is then unused) */
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//i, "a postgres:// or postgresql:// URL")
        .optional(),
    ),
    AIMLAPI_API_KEY: optionalString,
    AIMLAPI_BASE_URL: optionalUrl,
    ATLASCLOUD_API_KEY: optionalString,
    ATLASCLOUD_BASE_URL: optionalUrl,
    DEEPSEEK_API_KEY: optionalString,
    DEEPSEEK_BASE_URL: optionalUrl,
    OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
    OPENAI_COMPATIBLE_MODEL: optionalString,
    OPENAI_COMPATIBLE_API_KEY: optionalString,
    OFFLINE_TOKENS_PER_SECOND: z.coerce.number().positive().max(100_000).default(40),
    PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(0),
    PROVIDER_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 60 * 1000),
    /** turns generating at once in this process; beyond it POST /api/chat answers 429 with Retry-After */
    MAX_ACTIVE_TURNS: z.coerce.number().int().min(1).max(10_000).default(16),
    /**
     * redis://… shared by every instance: a turn streaming on one can then be resumed and stopped through
     * any other (lib/chat/turn-channel.ts). Unset: turns are resumed and stopped in this process only.
     */
    REDIS_URL: optionalString.pipe(z.url().optional()),
    MODELS_CACHE_SECONDS: z.coerce.number().min(0).default(60),
    NODE_ENV: z.enum(["development", "production", "test"]).catch("production"),
    /** when set, every page and API but /share/*, /api/health and /login needs a session (not trimmed) */
    PLAYGROUND_PASSWORD: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
    /** signs sessions; by default a random secret kept beside the database */
    PLAYGROUND_SECRET: optionalString.pipe(z.string().min(32, "at least 32 characters").optional()),
    /** the address people reach the app at: origin of share links, an accepted Host and Origin */
    PUBLIC_URL: optionalUrl,
    /** X-Forwarded-Host/Proto/For come from a reverse proxy we trust */
    TRUST_PROXY: flag,
    /** serve a non-loopback address without a password (lib/cli/start.mjs refuses otherwise) */
    ALLOW_OPEN_ACCESS: flag,
    /**
     * limit of a JSON request body, counted in bytes while it is read (import has its own 5 MB); at most
     * 5 MB, what next.config.ts lets the proxy hand over whole
     */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(5 * 1024 * 1024)
      .default(1024 * 1024),
  })
  .superRefine((e, ctx) => {
    // The secret file beside a SQLite database is per machine; instances on one PostgreSQL must share the secret
    // that signs their sessions and seals the keys saved in Settings (it never enters the database).
    if (e.DATABASE_URL && !e.PLAYGROUND_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["PLAYGROUND_SECRET"],
        message: "required with DATABASE_URL (every instance on the database must have the same one)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}
