import { type Catalog, findModel, type ModelSelection } from "@/lib/ai/models";
import { type GenerationParams, validateParams } from "@/lib/params";

const KEY = "speciale-playground:last-settings";

interface LastSettings {
  selection: ModelSelection;
  params: GenerationParams;
}

/** Remember the model and parameters of the last send, as the starting point of the next new chat. */
export function saveLastSettings(settings: LastSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage can be full or disabled (private mode); the defaults then apply.
  }
}

/** The saved settings if the model is still offered and the parameters still fit its limits. */
export function loadLastSettings(catalog: Catalog): LastSettings | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<LastSettings>;
    if (!saved.selection) return undefined;
    const provider = catalog.providers.find((p) => p.id === saved.selection?.providerId);
    const model = provider?.configured ? findModel(catalog, saved.selection) : undefined;
    if (!model) return undefined;
    const checked = validateParams(saved.params, model.limits);
    return checked.ok ? { selection: saved.selection, params: checked.params } : undefined;
  } catch {
    return undefined;
  }
}
