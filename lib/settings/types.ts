/** What /settings and GET /api/settings/providers show of a provider: never a key, at most its hint. */
export interface ProviderStatus {
  checkedAt: number;
  reachable: boolean;
  /** the provider's own error (or the network's) when GET {base}/models failed */
  error?: string;
  modelCount?: number;
  /** whether the default model (for a preset: the Speciale model or DeepSeek's reasoner) is among the models listed */
  defaultModelListed?: boolean;
}

export interface ProviderSettings {
  id: string;
  name: string;
  kind: "preset" | "custom";
  /** built into the app (the offline demo model) */
  builtIn: boolean;
  configured: boolean;
  /** where the configuration in use comes from */
  source: "env" | "ui" | null;
  /** what can be changed here: a preset's key, a custom provider whole, or nothing (environment, built in) */
  editable: "key" | "all" | null;
  /** the variable(s) that configure this provider in the environment */
  envVars: string[];
  /** "•••• set" / "•••• abcd" for a key saved here; "set in AIMLAPI_API_KEY" for the environment's; null: none */
  key: string | null;
  /** a key saved here that the environment's overrides, or that cannot be decrypted */
  keyNote?: string;
  /** only for custom providers, whose address the user typed; presets' addresses stay on the server */
  baseUrl?: string;
  defaultModel: string | null;
  status?: ProviderStatus;
}
