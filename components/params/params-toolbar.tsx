"use client";

import { CodeXml } from "lucide-react";
import { PresetsMenu, SavePresetButton } from "@/components/presets/presets-menu";
import { Button } from "@/components/ui/button";
import { ViewCodeDialog } from "@/components/view-code/view-code-dialog";
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
      <PresetsMenu
        limits={limits}
        modelLabel={modelLabel}
        keep={{ system: values.system || undefined, stop: stop.length ? stop : undefined }}
        onApply={onApply}
      />
      <SavePresetButton params={params} disabledReason={invalidReason} />
      <ViewCodeDialog
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
