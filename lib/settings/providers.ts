import "server-only";
import * as q from "@/db/queries/provider-configs";
import { listedModels } from "@/lib/ai/catalog";
import {
  findProvider,
  listProviders,
  type Provider,
  refreshProviderConfigs,
  sealProviderKey,
} from "@/lib/ai/provider-registry";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { maskedKey } from "@/lib/security/secret-box";
import type { CreateProviderInput, PatchProviderInput } from "./provider-input";
import type { ProviderSettings, ProviderStatus } from "./types";

const ENV_VARS: Record<string, string[]> = {
  aimlapi: ["AIMLAPI_API_KEY", "AIMLAPI_BASE_URL"],
  atlascloud: ["ATLASCLOUD_API_KEY", "ATLASCLOUD_BASE_URL"],
  deepseek: ["DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL"],
  custom: ["OPENAI_COMPATIBLE_BASE_URL", "OPENAI_COMPATIBLE_API_KEY", "OPENAI_COMPATIBLE_MODEL"],
  offline: [],
};

function keyView(p: Provider): Pick<ProviderSettings, "key" | "keyNote"> {
  if (p.source === "env") {
    const note = p.uiKeyShadowed
      ? `A key saved here is not used while ${p.keyEnv} is set; remove it from the environment to use it`
      : undefined;
    return { key: p.apiKey && p.keyEnv ? `set in ${p.keyEnv}` : null, ...(note ? { keyNote: note } : {}) };
  }
  if (p.keyProblem) return { key: null, keyNote: p.keyProblem };
  return { key: p.apiKey ? maskedKey(p.keyHint ?? null) : null };
}

function settingsOf(p: Provider, status?: ProviderStatus): ProviderSettings {
  const builtIn = p.id === "offline";
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    builtIn,
    configured: p.configured,
    source: builtIn ? null : (p.source ?? null),
    editable: p.kind === "custom" ? "all" : p.keyEnv && p.source !== "env" ? "key" : null,
    envVars: ENV_VARS[p.id] ?? [],
    ...keyView(p),
    ...(p.kind === "custom" && p.baseUrl ? { baseUrl: p.baseUrl } : {}),
    defaultModel: p.defaultModel ?? null,
    ...(status ? { status } : {}),
  };
}

/** A live GET {base}/models (from the catalog's short cache unless `fresh`), summed up for the page. */
async function statusOf(p: Provider, fresh: boolean): Promise<ProviderStatus | undefined> {
  if (!p.configured) return undefined;
  const list = await listedModels(p, { fresh });
  if (!list.ids) return { checkedAt: list.at, reachable: false, error: list.error };
  return {
    checkedAt: list.at,
    reachable: true,
    modelCount: list.ids.length,
    ...(p.defaultModel ? { defaultModelListed: list.ids.includes(p.defaultModel) } : {}),
  };
}

export async function listProviderSettings(opts: { fresh?: boolean } = {}): Promise<ProviderSettings[]> {
  return Promise.all(listProviders().map(async (p) => settingsOf(p, await statusOf(p, opts.fresh ?? false))));
}

const notFound = (id: string) => new AppError("not_found", `No provider ${id}`);

function mustFind(id: string): Provider {
  const p = findProvider(id);
  if (!p) throw notFound(id);
  return p;
}

/** The provider with a status fetched now ("Check again"). */
export async function checkProvider(id: string): Promise<ProviderSettings> {
  // After a change made here, PostgreSQL's snapshot of the configuration is read again at once.
  await refreshProviderConfigs();
  const p = mustFind(id);
  return settingsOf(p, await statusOf(p, true));
}

/** Names tell providers apart in every model menu and compare column: two may not share one. */
function assertNameFree(name: string, exceptId?: string): void {
  const taken = listProviders().find((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    throw new AppError("conflict", `A provider named “${taken.name}” already exists`, [
      { field: "name", message: "Already used by another provider" },
    ]);
  }
}

/** `p-` and 12 random hex digits. */
function newProviderId(): string {
  return `p-${crypto.getRandomValues(new Uint8Array(6)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "")}`;
}

export async function createCustomProvider(input: CreateProviderInput): Promise<ProviderSettings> {
  assertNameFree(input.name);
  const id = newProviderId();
  const now = Date.now();
  const key = input.apiKey ? sealProviderKey(id, input.apiKey) : { apiKeyEncrypted: null, apiKeyHint: null };
  await q.insertProviderConfig(getDb(), {
    id,
    kind: "custom",
    name: input.name,
    baseUrl: input.baseUrl,
    defaultModel: input.defaultModel || null,
    ...key,
    createdAt: now,
    updatedAt: now,
  });
  return await checkProvider(id);
}

function refuseUnlessEditable(p: Provider, field: string): void {
  if (p.id === "offline" || p.id === "custom") {
    const why =
      p.id === "offline"
        ? "The offline demo model is built in"
        : "The OpenAI-compatible preset is configured by OPENAI_COMPATIBLE_BASE_URL; add a provider in Settings instead";
    throw new AppError("conflict", why, [{ field, message: "Cannot be changed here" }]);
  }
  if (p.kind === "preset" && p.source === "env") {
    throw new AppError(
      "conflict",
      `${p.name} is configured by the environment (${p.keyEnv}); change it there`,
      [{ field, message: "Set by the environment" }],
    );
  }
}

export async function updateProvider(id: string, patch: PatchProviderInput): Promise<ProviderSettings> {
  const p = mustFind(id);
  const now = Date.now();
  const db = getDb();
  if (p.kind === "preset") {
    const extra = (["name", "baseUrl", "defaultModel"] as const).find((k) => patch[k] !== undefined);
    if (extra) {
      throw new AppError("invalid_request", `Only the API key of a preset can be set here`, [
        { field: extra, message: "Not settable for a preset" },
      ]);
    }
    refuseUnlessEditable(p, "apiKey");
    if (patch.apiKey === null) await q.deleteProviderConfig(db, id);
    else if (patch.apiKey !== undefined)
      await q.upsertPresetKey(db, id, sealProviderKey(id, patch.apiKey), now);
    return await checkProvider(id);
  }
  if (patch.name !== undefined) assertNameFree(patch.name, id);
  const key =
    patch.apiKey === undefined
      ? {}
      : patch.apiKey === null
        ? { apiKeyEncrypted: null, apiKeyHint: null }
        : sealProviderKey(id, patch.apiKey);
  const updated = await q.updateProviderConfig(
    db,
    id,
    {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.baseUrl !== undefined ? { baseUrl: patch.baseUrl } : {}),
      ...(patch.defaultModel !== undefined ? { defaultModel: patch.defaultModel || null } : {}),
      ...key,
    },
    now,
  );
  if (!updated) throw notFound(id);
  return await checkProvider(id);
}

/** A custom provider goes; a preset loses the key saved here. Conversations that used it keep their history. */
export async function removeProvider(id: string): Promise<void> {
  const p = mustFind(id);
  if (p.kind === "preset") {
    // A saved key that the environment overrides may still be removed.
    if (!p.uiKeyShadowed) refuseUnlessEditable(p, "id");
    if (!(await q.deleteProviderConfig(getDb(), id)))
      throw new AppError("not_found", `${p.name} has no key saved here`);
  } else if (!(await q.deleteProviderConfig(getDb(), id))) throw notFound(id);
  await refreshProviderConfigs();
}
