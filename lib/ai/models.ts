import type { ModelLimits } from "@/lib/params";
import type { ProbeSummary } from "@/lib/probe/types";

/** Client-safe catalog of providers and models: no URLs, no keys. Served by GET /api/providers. */
export type PresetId = "aimlapi" | "atlascloud" | "deepseek" | "custom" | "offline";
/** a provider added in /settings */
type CustomProviderId = `p-${string}`;
export type ProviderId = PresetId | CustomProviderId;

export interface CatalogModel {
  id: string;
  /** false when the provider's /models did not list this (preset) model — it may be gone */
  listed: boolean;
  /** the provider's limits, with the latest effectiveness probe's verdicts applied (lib/probe/apply.ts) */
  limits: ModelLimits;
  /** the latest effectiveness probe of this provider + model, if one ran */
  probe?: ProbeSummary;
}

export interface CatalogProvider {
  id: ProviderId;
  name: string;
  configured: boolean;
  /** true for the embedded offline demo model (not an LLM) */
  offline: boolean;
  defaultModel: string;
  models: CatalogModel[];
  /** why the model list could not be fetched, if it could not */
  modelsError?: string;
}

export interface ModelSelection {
  providerId: ProviderId;
  modelId: string;
}

export interface Catalog {
  providers: CatalogProvider[];
  defaultSelection: ModelSelection;
}

export function findModel(catalog: Catalog, sel: ModelSelection): CatalogModel | undefined {
  return catalog.providers.find((p) => p.id === sel.providerId)?.models.find((m) => m.id === sel.modelId);
}

/** A selection that can be sent now: its provider is configured and offers the model. */
export function isSelectable(catalog: Catalog, sel: ModelSelection): boolean {
  const provider = catalog.providers.find((p) => p.id === sel.providerId);
  return Boolean(provider?.configured && findModel(catalog, sel));
}
