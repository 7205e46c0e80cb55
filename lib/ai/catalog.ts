import "server-only";
import { getOwnerId } from "@/lib/auth/owner";
import { env } from "@/lib/env";
import { applyProbe } from "@/lib/probe/apply";
import { latestProbeSummaries, probeKey } from "@/lib/probe/probe";
import type { ProbeSummary } from "@/lib/probe/types";
import type { Catalog, CatalogModel, CatalogProvider, ModelSelection } from "./models";
import { listProviders, type Provider, providersGeneration } from "./provider-registry";
import { fetchModelIds } from "./providers";

export interface ModelList {
  /** when the provider was asked */
  at: number;
  ids?: string[];
  /** why the list could not be fetched: the provider's own message where it gave one */
  error?: string;
}

// Brief cache so opening the app does not hit every provider's /models each time.
const cache = new Map<string, ModelList>();
let cacheGeneration = 0;
const ERROR_TTL_MS = 10_000;

/**
 * GET {base}/models of a configured provider, from the cache unless `fresh`. A configuration change (a key or
 * base URL set in /settings) empties the cache: the list of the new configuration is fetched.
 */
export async function listedModels(p: Provider, opts: { fresh?: boolean } = {}): Promise<ModelList> {
  const generation = providersGeneration();
  if (generation !== cacheGeneration) {
    cache.clear();
    cacheGeneration = generation;
  }
  const hit = cache.get(p.id);
  const ttl = hit?.error ? ERROR_TTL_MS : env().MODELS_CACHE_SECONDS * 1000;
  if (!opts.fresh && hit && Date.now() - hit.at < ttl) return hit;
  let entry: ModelList;
  try {
    entry = { at: Date.now(), ids: await fetchModelIds(p) };
  } catch (err) {
    entry = { at: Date.now(), error: err instanceof Error ? err.message : String(err) };
  }
  if (providersGeneration() === generation) cache.set(p.id, entry);
  return entry;
}

async function catalogProvider(p: Provider, probes: Map<string, ProbeSummary>): Promise<CatalogProvider> {
  const base = { id: p.id, name: p.name, configured: p.configured, offline: p.id === "offline" };
  if (!p.configured) return { ...base, defaultModel: p.defaultModel ?? "", models: [] };
  const { ids, error } = await listedModels(p);
  const preset = p.defaultModel ?? ids?.[0];
  const model = (id: string, listed: boolean): CatalogModel => {
    const probe = probes.get(probeKey(p.id, id));
    return { id, listed, limits: applyProbe(p.limits(id), probe), ...(probe ? { probe } : {}) };
  };
  const models = (ids ?? []).map((id) => model(id, true));
  if (preset && !ids?.includes(preset)) {
    // The preset stays selectable, flagged, so a moved or retired model gives a clear error, not a gap.
    models.unshift(model(preset, ids === undefined));
  }
  const noModel =
    p.kind === "custom"
      ? "The server lists no models; set a default model in Settings"
      : "The server lists no models; set OPENAI_COMPATIBLE_MODEL";
  return {
    ...base,
    defaultModel: preset ?? "",
    models,
    ...(error ? { modelsError: `Could not list models (${error})` } : {}),
    ...(!preset && !error ? { modelsError: noModel } : {}),
  };
}

/** One provider's entry of the catalog, without building the others': what a send checks its settings against. */
export async function getCatalogProvider(id: string): Promise<CatalogProvider | undefined> {
  const provider = listProviders().find((p) => p.id === id);
  return provider && catalogProvider(provider, await latestProbeSummaries(getOwnerId()));
}

/** The providers and their models for GET /api/providers and the panel: no URLs, no keys. */
export async function getCatalog(): Promise<Catalog> {
  // A probe's verdicts replace the static knowledge of what a model ignores (lib/probe).
  const probes = await latestProbeSummaries(getOwnerId());
  const providers = await Promise.all(listProviders().map((p) => catalogProvider(p, probes)));
  const firstRemote = providers.find((p) => p.configured && !p.offline && p.defaultModel);
  const defaultSelection: ModelSelection = firstRemote
    ? { providerId: firstRemote.id, modelId: firstRemote.defaultModel }
    : { providerId: "offline", modelId: providers.find((p) => p.offline)?.defaultModel ?? "" };
  return { providers, defaultSelection };
}
