import type { ProviderSettings } from "@/lib/settings/types";
import type { ProviderFields } from "./api";

export type FieldName = "name" | "baseUrl" | "apiKey" | "defaultModel";
export const FIELDS: FieldName[] = ["name", "baseUrl", "apiKey", "defaultModel"];

/**
 * What the form asks of the server. In an edit, an empty API key keeps the saved one ("Remove the saved key"
 * removes it); a field that did not change is not sent.
 */
export function formPatch(
  editing: ProviderSettings | null,
  values: Record<FieldName, string>,
  removeKey: boolean,
): Partial<ProviderFields> {
  const apiKey = values.apiKey.trim();
  if (!editing) {
    return { name: values.name, baseUrl: values.baseUrl, apiKey, defaultModel: values.defaultModel.trim() };
  }
  const patch: Partial<ProviderFields> = {};
  if (values.name.trim() !== editing.name) patch.name = values.name;
  if (values.baseUrl.trim() !== (editing.baseUrl ?? "")) patch.baseUrl = values.baseUrl;
  if (values.defaultModel.trim() !== (editing.defaultModel ?? ""))
    patch.defaultModel = values.defaultModel.trim() || null;
  if (apiKey) patch.apiKey = apiKey;
  else if (removeKey) patch.apiKey = null;
  return patch;
}
