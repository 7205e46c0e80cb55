"use client";

import { CodeXml } from "lucide-react";
import { LazyPresetsMenu, LazySavePresetButton } from "@/components/presets/lazy-presets";
import { Button } from "@/components/ui/button";
import { LazyViewCodeDialog } from "@/components/view-code/lazy-view-code-dialog";
import type { GenerationParams, ModelLimits } from "@/lib/params";
import { type ParamFormValues, parseStopSequences } from "./param-form";

/**
 * Above a parameter set (the chat panel, each comparison column): Presets, Save preset, and View code for
 * the request a send would make now.
 */
export function ParamsToolbar({
  limits,
  modelLabel,
  values,
  params,
  invalidReason,
  onApply,
  loadCode,
}: {
  limits: ModelLimits;
  modelLabel: string;
  values: ParamFormValues;
  /** the parameters a send would use; undefined while invalid */
  params: GenerationParams | undefined;
  invalidReason?: string;
  onApply: (params: GenerationParams) => void;
  loadCode: () => Promise<Response>;
}) {
  const stop = parseStopSequences(values.stop);
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <LazyPresetsMenu
        limits={limits}
        modelLabel={modelLabel}
        keep={{ system: values.system || undefined, stop: stop.length ? stop : undefined }}
        onApply={onApply}
      />
      <LazySavePresetButton params={params} disabledReason={invalidReason} />
      <LazyViewCodeDialog
        title="View code"
        load={loadCode}
        trigger={
          <Button variant="outline" size="xs" disabled={!params}>
            <CodeXml />
            View code
          </Button>
        }
      />
    </div>
  );
}
