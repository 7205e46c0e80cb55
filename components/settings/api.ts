import type { FieldIssue } from "@/lib/errors";
import type { ProviderSettings } from "@/lib/settings/types";

/** A refused request: the server's message, and the field it names when there is one. */
export class SettingsRequestError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

async function send<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    cache: "no-store",
    headers: init.body ? { "content-type": "application/json" } : undefined,
  }).catch(() => null);
  if (!res) throw new SettingsRequestError("The server is unreachable");
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { message?: string; field?: string; issues?: FieldIssue[] };
    } | null;
    const error = body?.error;
    throw new SettingsRequestError(
      error?.message ?? `HTTP ${res.status}`,
      error?.issues ?? (error?.field ? [{ field: error.field, message: error.message ?? "" }] : []),
    );
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const BASE = "/api/settings/providers";
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export interface ProviderFields {
  name: string;
  baseUrl: string;
  apiKey?: string | null;
  defaultModel?: string | null;
}

export function createProvider(fields: ProviderFields): Promise<ProviderSettings> {
  return send(BASE, { method: "POST", body: JSON.stringify(fields) });
}

export function updateProvider(id: string, fields: Partial<ProviderFields>): Promise<ProviderSettings> {
  return send(one(id), { method: "PATCH", body: JSON.stringify(fields) });
}

export function removeProvider(id: string): Promise<void> {
  return send(one(id), { method: "DELETE" });
}

export function checkProvider(id: string): Promise<ProviderSettings> {
  return send(`${one(id)}/check`, { method: "POST" });
}
