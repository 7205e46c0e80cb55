"use client";

import { ChevronDown } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { SWEEP_KEYS, type SweepInput, type SweepKey, sweepValues } from "@/lib/compare/sweep";
import { describeParams, PARAM_LABELS } from "@/lib/params";
import { cn } from "@/lib/utils";
import type { ColumnState } from "./use-comparison";

const EXAMPLES: Record<SweepKey, { list: string; from: string; to: string }> = {
  temperature: { list: "0, 0.7, 1.4", from: "0", to: "1.5" },
  topP: { list: "0.1, 0.5, 1", from: "0.1", to: "1" },
  maxTokens: { list: "64, 256, 1024", from: "64", to: "512" },
  frequencyPenalty: { list: "0, 1, 2", from: "0", to: "2" },
  presencePenalty: { list: "0, 1, 2", from: "0", to: "2" },
  seed: { list: "1, 2, 3", from: "1", to: "3" },
};

const fieldLabel = "font-medium text-[13px] text-foreground/90";

/** Pick one parameter and its values: the columns are rebuilt from column 1, one per value. */
export function SweepDialog({
  open,
  onOpenChange,
  baseline,
  startsNew,
  onApply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  baseline: ColumnState;
  /** some column has messages, so the sweep becomes a new comparison */
  startsNew: boolean;
  onApply: (key: SweepKey, values: number[]) => Promise<void>;
}) {
  const id = useId();
  const [key, setKey] = useState<SweepKey>("temperature");
  const [mode, setMode] = useState<SweepInput["mode"]>("list");
  const [text, setText] = useState(EXAMPLES.temperature.list);
  const [from, setFrom] = useState(EXAMPLES.temperature.from);
  const [to, setTo] = useState(EXAMPLES.temperature.to);
  const [steps, setSteps] = useState("3");
  const [pending, setPending] = useState(false);

  const input: SweepInput = mode === "list" ? { mode, text } : { mode, from, to, steps };
  const result = sweepValues(key, input, baseline.limits);
  const rest = describeParams({ ...baseline.form.params, [key]: undefined });

  const chooseKey = (k: SweepKey) => {
    setKey(k);
    setText(EXAMPLES[k].list);
    setFrom(EXAMPLES[k].from);
    setTo(EXAMPLES[k].to);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <div className="grid gap-1.5">
          <DialogTitle>Sweep a parameter</DialogTitle>
          <DialogDescription>
            One column per value; everything else is copied from column 1 ({baseline.selection.modelId}
            {rest.length > 0 ? ` · ${rest.join(" · ")}` : ""}).
          </DialogDescription>
        </div>
        <form
          className="grid gap-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!result.ok || pending) return;
            setPending(true);
            try {
              await onApply(key, result.values);
            } finally {
              setPending(false);
            }
          }}
        >
          <div className="grid gap-1.5">
            <label htmlFor={`${id}-key`} className={fieldLabel}>
              Parameter
            </label>
            <div className="relative">
              <select
                id={`${id}-key`}
                value={key}
                onChange={(e) => chooseKey(e.currentTarget.value as SweepKey)}
                className="h-8 w-full cursor-pointer appearance-none rounded-md border border-input bg-transparent py-1 pr-8 pl-2.5 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20 [&_option]:bg-popover"
              >
                {SWEEP_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {PARAM_LABELS[k]}
                  </option>
                ))}
              </select>
              <ChevronDown
                aria-hidden
                className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
              />
            </div>
          </div>

          <fieldset className="grid gap-2">
            <legend className={cn(fieldLabel, "mb-1.5")}>Values</legend>
            <div className="flex gap-4 text-sm">
              {(["list", "range"] as const).map((m) => (
                <label key={m} className="flex cursor-pointer items-center gap-1.5">
                  <input
                    type="radio"
                    name={`${id}-mode`}
                    value={m}
                    checked={mode === m}
                    onChange={() => setMode(m)}
                    className="accent-primary"
                  />
                  {m === "list" ? "List" : "Range"}
                </label>
              ))}
            </div>
            {mode === "list" ? (
              <div className="grid gap-1">
                <label htmlFor={`${id}-list`} className="text-muted-foreground text-xs">
                  Values, separated by commas
                </label>
                <Input
                  id={`${id}-list`}
                  value={text}
                  placeholder={EXAMPLES[key].list}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => setText(e.currentTarget.value)}
                  className="font-mono"
                />
              </div>
            ) : (
              <div className="grid grid-cols-3 gap-2">
                {(
                  [
                    ["From", from, setFrom],
                    ["To", to, setTo],
                    ["Steps", steps, setSteps],
                  ] as const
                ).map(([label, value, set]) => (
                  <div key={label} className="grid gap-1">
                    <label htmlFor={`${id}-${label}`} className="text-muted-foreground text-xs">
                      {label}
                    </label>
                    <Input
                      id={`${id}-${label}`}
                      type="number"
                      step="any"
                      value={value}
                      onChange={(e) => set(e.currentTarget.value)}
                      className="font-mono"
                    />
                  </div>
                ))}
              </div>
            )}
          </fieldset>

          <div aria-live="polite" className="min-h-10 rounded-lg border bg-muted/30 px-3 py-2 text-[13px]">
            {result.ok ? (
              <>
                <p className="font-medium">
                  {result.values.length} columns:{" "}
                  <span className="font-mono font-normal">
                    {result.values.map((v) => `${PARAM_LABELS[key].toLowerCase()} ${v}`).join(" · ")}
                  </span>
                </p>
                {startsNew && (
                  <p className="mt-1 text-muted-foreground text-xs">
                    This comparison already has answers, so the sweep opens as a new comparison.
                  </p>
                )}
              </>
            ) : (
              <p className="text-destructive">{result.error}</p>
            )}
          </div>

          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button type="button" variant="outline" size="sm">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" size="sm" disabled={!result.ok || pending}>
              Sweep
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
