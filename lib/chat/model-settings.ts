import "server-only";
import { getCatalogProvider } from "@/lib/ai/catalog";
import type { CatalogProvider } from "@/lib/ai/models";
import { findProvider } from "@/lib/ai/provider-registry";
import { AppError } from "@/lib/errors";
import { DEFAULT_LIMITS, type GenerationParams, normalizeParams, validateParams } from "@/lib/params";
import type { ModelSettings } from "./request-schema";

/**
 * Check a model choice and its parameters against the catalog and the model's limits; a 400 naming the
 * field otherwise (`prefix` locates the settings in the request body, e.g. "columns.1.").
 */
export async function checkModelSettings(
  s: ModelSettings,
  prefix = "",
): Promise<{ provider: CatalogProvider; params: GenerationParams }> {
  const provider = await getCatalogProvider(s.providerId);
  if (!provider?.configured) {
    throw new AppError("invalid_request", `Provider ${s.providerId} is not configured`, [
      { field: `${prefix}providerId`, message: "Provider is not configured" },
    ]);
  }
  const limits =
    provider.models.find((m) => m.id === s.modelId)?.limits ??
    findProvider(s.providerId)?.limits(s.modelId) ??
    DEFAULT_LIMITS;
  const checked = validateParams(s.params, limits);
  if (!checked.ok) {
    const issues = checked.issues.map((i) => ({ field: `${prefix}params.${i.field}`, message: i.message }));
    throw new AppError("invalid_request", `${issues[0].field}: ${issues[0].message}`, issues);
  }
  return { provider, params: normalizeParams(checked.params) };
}
