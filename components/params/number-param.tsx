"use client";

import type { ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { FieldHeader } from "./field-header";

export interface SliderScale {
  min: number;
  max: number;
  step: number;
  /** logarithmic for wide integer ranges such as max tokens */
  log?: boolean;
}

const LOG_STEPS = 1000;

function toSlider(value: number, s: SliderScale): number {
  if (!s.log) return value;
  const v = Math.min(Math.max(value, Math.max(s.min, 1)), s.max);
  return Math.round((Math.log(v) / Math.log(s.max)) * LOG_STEPS);
}

function fromSlider(pos: number, s: SliderScale): number {
  if (!s.log) return pos;
  return Math.max(s.min, Math.round(s.max ** (pos / LOG_STEPS)));
}

export function NumberParam({
  id,
  label,
  value,
  error,
  hint,
  ignored,
  slider,
  inputMin,
  inputMax,
  inputStep,
  extra,
  dense = false,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  ignored?: boolean;
  /** a decorative slider beside the input; the number input stays the only labelled control */
  slider?: SliderScale;
  inputMin?: number;
  inputMax?: number;
  inputStep?: number | "any";
  /** an extra control in the header row, e.g. a randomize button */
  extra?: ReactNode;
  /** label, buttons and input on one row; no slider, no hint */
  dense?: boolean;
  onChange: (value: string, badInput: boolean) => void;
}) {
  const describedBy = error ? `${id}-error` : hint && !dense ? `${id}-hint` : undefined;
  const numeric = value.trim() === "" ? Number.NaN : Number(value);
  const unset = Number.isNaN(numeric);
  const input = (
    <Input
      id={id}
      type="number"
      // Phone keypads for "decimal" have no minus sign; the penalties need one.
      inputMode={inputMin !== undefined && inputMin < 0 ? undefined : "decimal"}
      placeholder="default"
      min={inputMin}
      max={inputMax}
      step={inputStep}
      value={value}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.currentTarget.value, e.currentTarget.validity.badInput)}
      className={cn(
        "h-7 shrink-0 px-2 text-right font-mono text-xs tabular-nums placeholder:font-sans placeholder:italic",
        dense ? "w-20" : "w-24",
      )}
    />
  );
  const header = (
    <FieldHeader
      htmlFor={id}
      label={label}
      ignored={ignored}
      dense={dense}
      onUnset={value !== "" || error ? () => onChange("", false) : undefined}
      control={dense ? input : undefined}
    >
      {extra}
    </FieldHeader>
  );
  const errorText = error && (
    <p id={`${id}-error`} className="text-destructive text-xs">
      {error}
    </p>
  );
  if (dense) {
    return (
      <div className={cn("grid gap-1", ignored && "opacity-70")}>
        {header}
        {errorText}
      </div>
    );
  }
  return (
    <div className={cn("grid gap-1.5", ignored && "opacity-70")}>
      {header}
      <div className="flex items-center gap-3">
        {slider ? (
          <input
            type="range"
            aria-hidden
            tabIndex={-1}
            min={slider.log ? 0 : slider.min}
            max={slider.log ? LOG_STEPS : slider.max}
            step={slider.log ? 1 : slider.step}
            value={
              unset ? (slider.log ? LOG_STEPS / 2 : (slider.min + slider.max) / 2) : toSlider(numeric, slider)
            }
            onChange={(e) => onChange(String(fromSlider(Number(e.currentTarget.value), slider)), false)}
            data-unset={unset || undefined}
            className="param-slider min-w-0 flex-1 cursor-pointer"
          />
        ) : (
          <div className="flex-1" />
        )}
        {input}
      </div>
      {errorText}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      )}
    </div>
  );
}
