"use client";

import { useEffect, useSyncExternalStore } from "react";
import { failureMessage } from "@/components/api-error";
import type { GenerationParams } from "@/lib/params";
import type { SavedPreset } from "@/lib/presets/types";

/**
 * The saved presets, shared by every menu on the page (the chat panel, each comparison column): loaded once,
 * refreshed after each change made here.
 */
let presets: SavedPreset[] | undefined;
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

function refreshPresets(): Promise<void> {
  loading ??= fetch("/api/presets", { cache: "no-store" })
    .then(async (res) => {
      if (res.ok) presets = ((await res.json()) as { presets: SavedPreset[] }).presets;
    })
    .catch(() => {})
    .finally(() => {
      loading = undefined;
      emit();
    });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The saved presets (undefined until loaded). */
export function usePresets(): SavedPreset[] | undefined {
  const list = useSyncExternalStore(
    subscribe,
    () => presets,
    () => undefined,
  );
  useEffect(() => {
    if (presets === undefined) void refreshPresets();
  }, []);
  return list;
}

/** An API failure's message ("A preset named "x" already exists"), for the field or a toast. */
async function failure(res: Response | null): Promise<string> {
  return res ? failureMessage(res, `The server answered ${res.status}`) : "The server could not be reached";
}

async function send(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true } | { ok: false; error: string; status?: number }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (!res?.ok) return { ok: false, error: await failure(res), status: res?.status };
  await refreshPresets();
  return { ok: true };
}

export const savePreset = (name: string, params: GenerationParams) =>
  send("/api/presets", "POST", { name, params });
export const replacePreset = (id: string, params: GenerationParams) =>
  send(`/api/presets/${encodeURIComponent(id)}`, "PATCH", { params });
export const renamePreset = (id: string, name: string) =>
  send(`/api/presets/${encodeURIComponent(id)}`, "PATCH", { name });
export const deletePreset = (id: string) => send(`/api/presets/${encodeURIComponent(id)}`, "DELETE");
