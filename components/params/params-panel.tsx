"use client";

import { Dices, Info, RotateCcw, X } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { useDrawerFocus } from "@/components/ui/use-drawer-focus";
import type { Catalog, ModelSelection } from "@/lib/ai/models";
import { type ModelLimits, PARAM_LABELS, PARAM_RANGES, WIRE_NAMES } from "@/lib/params";
import { cn } from "@/lib/utils";
import { FieldHeader } from "./field-header";
import { ModelSelect } from "./model-select";
import { NumberParam } from "./number-param";
import type { NumericParamKey, ParamField, ParamFormState, ParamFormValues } from "./param-form";

const SEED_MAX = 2 ** 31 - 1;

export function ParamsPanel({
  catalog,
  selection,
  onSelectionChange,
  selectionNote,
  limits,
  values,
  errors,
  onChange,
  onReset,
  mobileOpen,
  desktopHidden,
  onClose,
}: {
  catalog: Catalog;
  selection: ModelSelection;
  onSelectionChange: (sel: ModelSelection) => void;
  /** why the conversation's stored model was replaced, if it was */
  selectionNote?: string;
  limits: ModelLimits;
  values: ParamFormValues;
  errors: ParamFormState["errors"];
  onChange: (field: ParamField, value: string, badInput?: boolean) => void;
  onReset: () => void;
  mobileOpen: boolean;
  desktopHidden: boolean;
  onClose: () => void;
}) {
  const drawer = useRef<HTMLElement>(null);
  useDrawerFocus(mobileOpen, drawer);
  const ignored = new Set(limits.ignored);
  const numeric = (key: NumericParamKey, extra: Partial<Parameters<typeof NumberParam>[0]> = {}) => (
    <NumberParam
      id={`param-${key}`}
      label={PARAM_LABELS[key]}
      value={values[key]}
      error={errors[key]}
      ignored={ignored.has(key)}
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
    <>
      <div
        aria-hidden
        onClick={onClose}
        className={cn(
          "fixed inset-0 z-30 bg-black/40 transition-opacity lg:hidden",
          mobileOpen ? "opacity-100" : "pointer-events-none opacity-0",
        )}
      />
      <aside
        ref={drawer}
        id="params-panel"
        aria-label="Parameters"
        className={cn(
          "fixed inset-y-0 right-0 z-40 flex w-[22rem] max-w-[92vw] flex-col border-l bg-background shadow-xl transition-transform duration-200",
          "lg:static lg:z-auto lg:w-80 lg:max-w-none lg:translate-x-0 lg:shadow-none",
          mobileOpen ? "translate-x-0" : "invisible translate-x-full lg:visible",
          desktopHidden && "lg:hidden",
        )}
      >
        <div className="flex h-12 shrink-0 items-center gap-1 border-b px-4">
          <h2 className="font-semibold text-sm">Parameters</h2>
          <Tooltip content="Reset to defaults">
            <Button
              variant="ghost"
              size="icon-xs"
              className="ml-auto text-muted-foreground"
              aria-label="Reset to defaults"
              onClick={onReset}
            >
              <RotateCcw />
            </Button>
          </Tooltip>
          <Button
            variant="ghost"
            size="icon-xs"
            className="lg:hidden"
            aria-label="Close panel"
            onClick={onClose}
          >
            <X />
          </Button>
        </div>
        <div className="grid min-h-0 flex-1 content-start gap-5 overflow-y-auto px-4 py-4">
          <div className="grid gap-2">
            <ModelSelect
              id="param-model"
              catalog={catalog}
              selection={selection}
              onChange={onSelectionChange}
            />
            {selectionNote && <p className="text-warning text-xs">{selectionNote}</p>}
            {(limits.ignored.length > 0 || limits.ignoredNote) && (
              <div className="flex gap-2 rounded-md border border-warning/30 bg-warning/5 px-2.5 py-2 text-xs">
                <Info aria-hidden className="mt-px size-3.5 shrink-0 text-warning" />
                <div className="grid gap-1">
                  {limits.ignored.length > 0 && (
                    <p className="font-medium">
                      This model ignores: {limits.ignored.map((k) => WIRE_NAMES[k]).join(", ")}
                    </p>
                  )}
                  {limits.ignoredNote && <p className="text-muted-foreground">{limits.ignoredNote}</p>}
                </div>
              </div>
            )}
          </div>

          <div className="grid gap-1.5">
            <FieldHeader htmlFor="param-system" label={PARAM_LABELS.system} />
            <Textarea
              id="param-system"
              value={values.system}
              placeholder="You are a helpful assistant."
              aria-invalid={errors.system ? true : undefined}
              aria-describedby={errors.system ? "param-system-error" : undefined}
              onChange={(e) => onChange("system", e.currentTarget.value)}
              className="max-h-64 min-h-20 resize-none text-[13px]"
            />
            {errors.system && (
              <p id="param-system-error" className="text-destructive text-xs">
                {errors.system}
              </p>
            )}
          </div>

          <div className="grid gap-4">
            <h3 className="font-medium text-[11px] text-muted-foreground uppercase tracking-wide">
              Sampling
            </h3>
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
                    onClick={() =>
                      onChange("seed", String(limits.seedMin + Math.floor(Math.random() * 2 ** 20)))
                    }
                  >
                    <Dices />
                  </Button>
                </Tooltip>
              ),
            })}
          </div>

          <div className="grid gap-1.5">
            <FieldHeader htmlFor="param-stop" label={PARAM_LABELS.stop} />
            <Textarea
              id="param-stop"
              value={values.stop}
              spellCheck={false}
              aria-invalid={errors.stop ? true : undefined}
              aria-describedby={errors.stop ? "param-stop-error" : "param-stop-hint"}
              onChange={(e) => onChange("stop", e.currentTarget.value)}
              className="min-h-14 resize-none font-mono text-xs"
            />
            {errors.stop ? (
              <p id="param-stop-error" className="text-destructive text-xs">
                {errors.stop}
              </p>
            ) : (
              <p id="param-stop-hint" className="text-muted-foreground text-xs">
                One per line, up to {limits.maxStop}. Type <code className="font-mono">\n</code> for a
                newline.
              </p>
            )}
          </div>
          <p className="text-muted-foreground text-xs">
            Empty fields are not sent, so the provider&apos;s default applies.
          </p>
        </div>
      </aside>
    </>
  );
}
