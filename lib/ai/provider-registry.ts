import "server-only";
import { dialectOf } from "@/db/client";
import { listProviderConfigs, listProviderConfigsNow } from "@/db/queries/provider-configs";
import type { ProviderConfigRow } from "@/db/schema";
import { loadOrCreateSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_LIMITS, type ModelLimits } from "@/lib/params";
import { deriveEncryptionKey, keyHint, openSecret, sealSecret } from "@/lib/security/secret-box";
import type { ProviderId } from "./models";
import { PRESETS } from "./presets";

/**
 * Every provider as the app uses it: the presets with the environment, plus what was set in /settings (a key
 * for a preset, custom OpenAI-compatible providers). Read from the database at each use (a few rows), so a
 * change made in /settings — by this process or another instance on the same file — applies to the next
 * request, no restart.
 */
export interface Provider {
  id: ProviderId;
  name: string;
  kind: "preset" | "custom";
  /** usable now: a base URL, and a key where the provider needs one */
  configured: boolean;
  /** where the configuration in use comes from; undefined when not configured */
  source?: "env" | "ui";
  baseUrl?: string;
  apiKey?: string;
  /** the last characters of a key set in the UI, when it is long enough to show them */
  keyHint?: string | null;
  /** a key stored in the UI could not be decrypted (the instance secret changed) */
  keyProblem?: string;
  /** the variable the preset reads its key from */
  keyEnv?: string;
  /** a stored UI key that the environment's key overrides */
  uiKeyShadowed?: boolean;
  defaultModel?: string;
  limits: (modelId: string) => ModelLimits;
}

let encryptionKey: Buffer | undefined;

function keyForStorage(): Buffer {
  const { DATABASE_PATH, PLAYGROUND_SECRET } = env();
  encryptionKey ??= deriveEncryptionKey(loadOrCreateSecret(DATABASE_PATH, PLAYGROUND_SECRET));
  return encryptionKey;
}

/** A key as stored: sealed for this provider id, with the hint shown in place of it. */
export function sealProviderKey(
  id: string,
  key: string,
): { apiKeyEncrypted: string; apiKeyHint: string | null } {
  return { apiKeyEncrypted: sealSecret(key, keyForStorage(), id), apiKeyHint: keyHint(key) };
}

function openKey(row: ProviderConfigRow): { apiKey?: string; keyProblem?: string } {
  if (!row.apiKeyEncrypted) return {};
  try {
    return { apiKey: openSecret(row.apiKeyEncrypted, keyForStorage(), row.id) };
  } catch {
    return {
      keyProblem:
        "The saved key cannot be decrypted with this instance's secret (PLAYGROUND_SECRET or the secret file changed); enter it again",
    };
  }
}

function build(rows: ProviderConfigRow[]): Provider[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const presets = PRESETS.map((p): Provider => {
    const base = {
      id: p.id,
      name: p.name,
      kind: "preset" as const,
      keyEnv: p.keyEnv,
      defaultModel: p.defaultModel(),
      limits: p.limits,
    };
    const row = p.keyEnv ? byId.get(p.id) : undefined;
    if (p.enabled()) {
      return {
        ...base,
        configured: true,
        source: "env",
        baseUrl: p.baseUrl(),
        apiKey: p.apiKey(),
        uiKeyShadowed: Boolean(row),
      };
    }
    if (row?.kind === "preset") {
      const { apiKey, keyProblem } = openKey(row);
      return {
        ...base,
        configured: apiKey !== undefined,
        source: apiKey !== undefined ? "ui" : undefined,
        baseUrl: p.baseUrl(),
        apiKey,
        keyHint: row.apiKeyHint,
        keyProblem,
      };
    }
    return { ...base, configured: false, baseUrl: p.baseUrl() };
  });
  const custom = rows
    .filter((r) => r.kind === "custom")
    .map((r): Provider => {
      const { apiKey, keyProblem } = openKey(r);
      return {
        id: r.id as ProviderId,
        name: r.name ?? r.id,
        kind: "custom",
        // A key is optional (Ollama, vLLM without --api-key); one that cannot be read would fail every request.
        configured: Boolean(r.baseUrl) && keyProblem === undefined,
        source: "ui",
        baseUrl: r.baseUrl ?? undefined,
        apiKey,
        keyHint: r.apiKeyEncrypted ? r.apiKeyHint : undefined,
        keyProblem,
        defaultModel: r.defaultModel ?? undefined,
        limits: () => DEFAULT_LIMITS,
      };
    });
  return [...presets, ...custom];
}

/** What identifies a configuration: a new ciphertext (fresh IV) at every key change, so a replaced key counts. */
function fingerprintOf(rows: ProviderConfigRow[]): string {
  return JSON.stringify(
    rows.map((r) => [r.id, r.updatedAt, r.name, r.baseUrl, r.defaultModel, r.apiKeyEncrypted]),
  );
}

let state: { fingerprint: string; providers: Provider[]; generation: number } | undefined;
/** every key this process has used: a removed key may still come back in a late error or a stored answer */
const keysSeen = new Set<string>();

/**
 * PostgreSQL's rows, read at start, after every change made here, and every CONFIG_REFRESH_MS for the changes
 * other instances make (SQLite is read at every use: the registry is synchronous, and SQLite answers at once).
 */
const CONFIG_REFRESH_MS = 5000;
// On globalThis: route modules bundled apart share the one snapshot the refresh keeps.
const SNAPSHOT = Symbol.for("speciale.providerConfigs");
const shared = globalThis as { [SNAPSHOT]?: ProviderConfigRow[] };

const readsAtEachUse = () => dialectOf(getDb()) === "sqlite";

/** Read the providers' configuration again (PostgreSQL; nothing to do on SQLite). */
export async function refreshProviderConfigs(): Promise<void> {
  if (readsAtEachUse()) return;
  shared[SNAPSHOT] = await listProviderConfigs(getDb());
}

/** Keep PostgreSQL's snapshot fresh: now, then every CONFIG_REFRESH_MS (not on SQLite). */
export async function startProviderConfigRefresh(): Promise<void> {
  if (readsAtEachUse()) return;
  await refreshProviderConfigs();
  setInterval(() => {
    refreshProviderConfigs().catch((err) => console.warn("[providers] refresh failed:", err));
  }, CONFIG_REFRESH_MS).unref();
}

/** The providers, presets first (in their order), then custom ones by creation. */
export function listProviders(): readonly Provider[] {
  const rows = listProviderConfigsNow(getDb()) ?? shared[SNAPSHOT] ?? [];
  const fingerprint = fingerprintOf(rows);
  if (state?.fingerprint !== fingerprint) {
    const providers = build(rows);
    for (const p of providers) if (p.apiKey) keysSeen.add(p.apiKey);
    state = { fingerprint, providers, generation: (state?.generation ?? 0) + 1 };
  }
  return state.providers;
}

export function findProvider(id: string): Provider | undefined {
  return listProviders().find((p) => p.id === id);
}

/** Changes whenever the providers' configuration does: caches of models and model lists compare it. */
export function providersGeneration(): number {
  listProviders();
  return state?.generation ?? 0;
}

/** Every key configured now or earlier in this process, for the redactor. */
export function providerKeys(): string[] {
  listProviders();
  for (const p of PRESETS) {
    const key = p.apiKey();
    if (key) keysSeen.add(key);
  }
  return [...keysSeen];
}

/** A provider's name for exports and shares; a removed custom provider is named by its id. */
export function providerName(id: string): string {
  return findProvider(id)?.name ?? `Removed provider (${id})`;
}
