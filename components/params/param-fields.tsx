"use client";

import { Dices } from "lucide-react";
import { ProbeSection } from "@/components/probe/probe-section";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { type Catalog, findModel, isSelectable, type ModelSelection } from "@/lib/ai/models";
import { type ModelLimits, PARAM_LABELS, PARAM_RANGES } from "@/lib/params";
import { cn } from "@/lib/utils";
import { FieldHeader } from "./field-header";
import { ModelSelect } from "./model-select";
import { NumberParam } from "./number-param";
import type { NumericParamKey, ParamField, ParamFormState, ParamFormValues } from "./param-form";

const SEED_MAX = 2 ** 31 - 1;

export interface ParamFieldsProps {
  /** prefix of the controls' ids ("param" → "param-temperature"); unique per set on the page */
  idPrefix: string;
  catalog: Catalog;
  selection: ModelSelection;
  onSelectionChange: (sel: ModelSelection) => void;
  /** why the stored model was replaced, if it was */
  selectionNote?: string;
  limits: ModelLimits;
  values: ParamFormValues;
  errors: ParamFormState["errors"];
  onChange: (field: ParamField, value: string, badInput?: boolean) => void;
  /** one row per number, no sliders or hints: for the narrow columns of a comparison */
  dense?: boolean;
}

/**
 * Every generation control, each a single labelled element (the label text is its accessible name):
 * the chat's side panel and each comparison column render this same set.
 */
export function ParamFields({
  idPrefix,
  catalog,
  selection,
  onSelectionChange,
  selectionNote,
  limits,
  values,
  errors,
  onChange,
  dense = false,
}: ParamFieldsProps) {
  const ignored = new Set(limits.ignored);
  const provider = catalog.providers.find((p) => p.id === selection.providerId);
  const fieldId = (field: string) => `${idPrefix}-${field}`;
  const numeric = (key: NumericParamKey, extra: Partial<Parameters<typeof NumberParam>[0]> = {}) => (
    <NumberParam
      id={fieldId(key)}
      label={PARAM_LABELS[key]}
      value={values[key]}
      error={errors[key]}
      ignored={ignored.has(key)}
      dense={dense}
      onChange={(v, bad) => onChange(key, v, bad)}
      {...extra}
    />
  );
  const range = (key: keyof typeof PARAM_RANGES) => ({
    slider: { ...PARAM_RANGES[key] },
    inputMin: PARAM_RANGES[key].min,
    inputMax: PARAM_RANGES[key].max,
    inputStep: PARAM_RANGES[key].step,
  });

  return (
    <div className={cn("grid grid-cols-[minmax(0,1fr)] content-start", dense ? "gap-3" : "gap-5")}>
      <div className="grid gap-2">
        <ModelSelect
          id={fieldId("model")}
          catalog={catalog}
          selection={selection}
          onChange={onSelectionChange}
        />
        {selectionNote && <p className="text-warning text-xs">{selectionNote}</p>}
        <ProbeSection
          selection={selection}
          providerName={provider?.name ?? selection.providerId}
          limits={limits}
          probe={findModel(catalog, selection)?.probe}
          canTest={isSelectable(catalog, selection)}
          dense={dense}
        />
      </div>

      <div className={cn("grid", dense ? "gap-1" : "gap-1.5")}>
        <FieldHeader htmlFor={fieldId("system")} label={PARAM_LABELS.system} dense={dense} />
        <Textarea
          id={fieldId("system")}
          value={values.system}
          placeholder="You are a helpful assistant."
          aria-invalid={errors.system ? true : undefined}
          aria-describedby={errors.system ? `${fieldId("system")}-error` : undefined}
          onChange={(e) => onChange("system", e.currentTarget.value)}
          className={cn("resize-none text-[13px]", dense ? "max-h-40 min-h-14" : "max-h-64 min-h-20")}
        />
        {errors.system && (
          <p id={`${fieldId("system")}-error`} className="text-destructive text-xs">
            {errors.system}
          </p>
        )}
      </div>

      <div className={cn("grid", dense ? "gap-2" : "gap-4")}>
        {!dense && (
          <h3 className="font-medium text-[11px] text-muted-foreground uppercase tracking-wide">Sampling</h3>
        )}
        {numeric("temperature", range("temperature"))}
        {numeric("topP", {
          ...range("topP"),
          inputMin: limits.topPMin,
          hint: limits.topPMin > 0 ? `At least ${limits.topPMin} for this provider.` : undefined,
        })}
        {numeric("maxTokens", {
          slider: { min: 1, max: limits.maxTokens, step: 1, log: true },
          inputMin: 1,
          inputMax: limits.maxTokens,
          inputStep: 1,
          hint: `Up to ${limits.maxTokens.toLocaleString("en-US")} for this model. Reasoning counts against it.`,
        })}
        {numeric("frequencyPenalty", range("frequencyPenalty"))}
        {numeric("presencePenalty", range("presencePenalty"))}
        {numeric("seed", {
          inputMin: limits.seedMin,
          inputMax: SEED_MAX,
          inputStep: 1,
          extra: (
            <Tooltip content="Pick a random value">
              <Button
                type="button"
                variant="ghost"
                size="icon-xs"
                className="size-5 text-muted-foreground"
                aria-label="Randomize"
                onClick={() => onChange("seed", String(limits.seedMin + Math.floor(Math.random() * 2 ** 20)))}
              >
                <Dices />
              </Button>
            </Tooltip>
          ),
        })}
      </div>

      <div className={cn("grid", dense ? "gap-1" : "gap-1.5")}>
        <FieldHeader htmlFor={fieldId("stop")} label={PARAM_LABELS.stop} dense={dense} />
        <Textarea
          id={fieldId("stop")}
          value={values.stop}
          spellCheck={false}
          aria-invalid={errors.stop ? true : undefined}
          aria-describedby={errors.stop ? `${fieldId("stop")}-error` : `${fieldId("stop")}-hint`}
          onChange={(e) => onChange("stop", e.currentTarget.value)}
          className={cn("resize-none font-mono text-xs", dense ? "min-h-9" : "min-h-14")}
        />
        {errors.stop ? (
          <p id={`${fieldId("stop")}-error`} className="text-destructive text-xs">
            {errors.stop}
          </p>
        ) : (
          <p id={`${fieldId("stop")}-hint`} className="text-muted-foreground text-xs">
            One per line, up to {limits.maxStop}. Type <code className="font-mono">\n</code> for a newline.
          </p>
        )}
      </div>
      {!dense && (
        <p className="text-muted-foreground text-xs">
          Empty fields are not sent, so the provider&apos;s default applies.
        </p>
      )}
    </div>
  );
}
