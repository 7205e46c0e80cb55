import "server-only";
import { env } from "@/lib/env";
import type { Catalog, CatalogProvider, ModelSelection, ProviderId } from "./models";
import { fetchModelIds, PRESETS } from "./providers";

interface CacheEntry {
  at: number;
  ids?: string[];
  error?: string;
}

// Brief cache so opening the app does not hit every provider's /models each time.
const cache = new Map<ProviderId, CacheEntry>();
const ERROR_TTL_MS = 10_000;

async function listedModels(id: ProviderId): Promise<CacheEntry> {
  const hit = cache.get(id);
  const ttl = hit?.error ? ERROR_TTL_MS : env().MODELS_CACHE_SECONDS * 1000;
  if (hit && Date.now() - hit.at < ttl) return hit;
  let entry: CacheEntry;
  try {
    entry = { at: Date.now(), ids: await fetchModelIds(id) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    entry = { at: Date.now(), error: `Could not list models (${reason})` };
  }
  cache.set(id, entry);
  return entry;
}

/** The providers and their models for GET /api/providers and the panel: no URLs, no keys. */
export async function getCatalog(): Promise<Catalog> {
  const providers = await Promise.all(
    PRESETS.map(async (p): Promise<CatalogProvider> => {
      const configured = p.enabled();
      const base = { id: p.id, name: p.name, configured, offline: p.id === "offline" };
      if (!configured) return { ...base, defaultModel: p.defaultModel() ?? "", models: [] };
      const { ids, error } = await listedModels(p.id);
      const preset = p.defaultModel() ?? ids?.[0];
      const models = (ids ?? []).map((id) => ({ id, listed: true, limits: p.limits(id) }));
      if (preset && !ids?.includes(preset)) {
        // The preset stays selectable, flagged, so a moved or retired model gives a clear error, not a gap.
        models.unshift({ id: preset, listed: ids === undefined, limits: p.limits(preset) });
      }
      return {
        ...base,
        defaultModel: preset ?? "",
        models,
        ...(error ? { modelsError: error } : {}),
        ...(!preset && !error
          ? { modelsError: "The server lists no models; set OPENAI_COMPATIBLE_MODEL" }
          : {}),
      };
    }),
  );
  const firstRemote = providers.find((p) => p.configured && !p.offline && p.defaultModel);
  const defaultSelection: ModelSelection = firstRemote
    ? { providerId: firstRemote.id, modelId: firstRemote.defaultModel }
    : { providerId: "offline", modelId: providers.find((p) => p.offline)?.defaultModel ?? "" };
  return { providers, defaultSelection };
}
