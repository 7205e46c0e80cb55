import { failureMessage } from "@/components/api-error";
import type { ShareExpiry, ShareLink } from "@/lib/share/types";

export type ShareKind = ShareLink["kind"];

const base = (kind: ShareKind, id: string) =>
  `/api/${kind === "conversation" ? "conversations" : "comparisons"}/${encodeURIComponent(id)}`;

async function send<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    cache: "no-store",
    headers: init.body ? { "content-type": "application/json" } : undefined,
  }).catch(() => null);
  if (!res) throw new Error("The server is unreachable");
  if (!res.ok) throw new Error(await failureMessage(res));
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function listLinks(kind: ShareKind, id: string): Promise<ShareLink[]> {
  return (await send<{ links: ShareLink[] }>(`${base(kind, id)}/share`)).links;
}

export function createLink(kind: ShareKind, id: string, expiresIn: ShareExpiry): Promise<ShareLink> {
  return send(`${base(kind, id)}/share`, { method: "POST", body: JSON.stringify({ expiresIn }) });
}

/** Refresh the snapshot (same URL); `expiresIn` also restarts the expiry from now. */
export function updateLink(token: string, expiresIn?: ShareExpiry): Promise<ShareLink> {
  return send(`/api/shares/${encodeURIComponent(token)}`, {
    method: "PATCH",
    body: JSON.stringify(expiresIn ? { expiresIn } : {}),
  });
}

export function revokeLink(token: string): Promise<void> {
  return send(`/api/shares/${encodeURIComponent(token)}`, { method: "DELETE" });
}

export function exportUrl(kind: ShareKind, id: string, format: "md" | "json"): string {
  return `${base(kind, id)}/export?format=${format}`;
}
