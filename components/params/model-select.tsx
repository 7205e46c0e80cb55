"use client";

import { ChevronDown } from "lucide-react";
import type { Catalog, ModelSelection, ProviderId } from "@/lib/ai/models";

function selectionValue(sel: ModelSelection): string {
  return `${sel.providerId}:${sel.modelId}`;
}

/** Inverse of selectionValue; the provider id never contains ":", model ids may. */
function parseSelectionValue(value: string): ModelSelection {
  const i = value.indexOf(":");
  return { providerId: value.slice(0, i) as ProviderId, modelId: value.slice(i + 1) };
}

export function ModelSelect({
  id,
  catalog,
  selection,
  onChange,
}: {
  id: string;
  catalog: Catalog;
  selection: ModelSelection;
  onChange: (sel: ModelSelection) => void;
}) {
  const configured = catalog.providers.filter((p) => p.configured);
  const provider = catalog.providers.find((p) => p.id === selection.providerId);
  const model = provider?.models.find((m) => m.id === selection.modelId);
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="font-medium text-[13px] text-foreground/90">
        Model
      </label>
      <div className="relative">
        <select
          id={id}
          value={selectionValue(selection)}
          onChange={(e) => onChange(parseSelectionValue(e.currentTarget.value))}
          aria-describedby={`${id}-hint`}
          className="h-8 w-full cursor-pointer appearance-none truncate rounded-md border border-input bg-transparent py-1 pr-8 pl-2.5 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20 [&>optgroup]:bg-popover [&_option]:bg-popover"
        >
          {configured.map((p) => (
            <optgroup key={p.id} label={p.name}>
              {p.models.length === 0 && (
                <option disabled value={`${p.id}:`}>
                  no models available
                </option>
              )}
              {p.models.map((m) => (
                <option key={m.id} value={selectionValue({ providerId: p.id, modelId: m.id })}>
                  {`${m.id}${m.listed ? "" : " (not listed)"}`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
      </div>
      <div id={`${id}-hint`} className="grid gap-1 text-xs empty:hidden">
        {provider?.offline && (
          <p>
            <span className="inline-flex items-center rounded-md border border-warning/40 bg-warning/10 px-1.5 py-0.5 font-medium text-[11px] text-warning">
              offline demo — not an LLM
            </span>
          </p>
        )}
        {provider && !provider.offline && <p className="text-muted-foreground">via {provider.name}</p>}
        {model && !model.listed && (
          <p className="text-muted-foreground">
            {provider?.name} did not list this model; it may have been renamed or retired.
          </p>
        )}
        {provider?.modelsError && <p className="text-warning">{provider.modelsError}</p>}
      </div>
    </div>
  );
}
