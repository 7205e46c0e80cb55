"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";

/** What a send with samples will make, for the user to confirm. */
export interface SampleRunPlan {
  requests: number;
  columns: number;
  /** the samples per column, in column order */
  samples: number[];
  /** the most completion tokens the run can cost: each request's max tokens, added up */
  maxTokens: number;
}

const n = (v: number) => v.toLocaleString("en-US");

/** Asked before a send that makes more than 10 requests: how many, and what it may cost at worst. */
export function SamplesConfirmDialog({
  plan,
  onCancel,
  onConfirm,
}: {
  plan: SampleRunPlan | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const same = plan?.samples.every((s) => s === plan.samples[0]);
  return (
    <Dialog open={plan !== null} onOpenChange={(open) => !open && onCancel()}>
      <DialogContent>
        <DialogTitle>Send {plan ? n(plan.requests) : ""} requests?</DialogTitle>
        {plan && (
          <DialogDescription asChild>
            <div className="grid gap-2">
              <p>
                {same
                  ? `${plan.columns} columns × ${plan.samples[0]} samples`
                  : `${plan.columns} columns drawing ${plan.samples.join(" + ")} samples`}{" "}
                make <strong className="text-foreground">{n(plan.requests)} requests</strong> to the
                providers, each column's samples one after another, at most 3 at once per provider.
              </p>
              <p>
                At worst they generate {n(plan.maxTokens)} completion tokens (every request reaching its max
                tokens). Prices are not known for these models, so the worst-case cost cannot be shown.
              </p>
            </div>
          </DialogDescription>
        )}
        <DialogFooter>
          <Button variant="outline" size="sm" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="sm" onClick={onConfirm}>
            Send {plan ? n(plan.requests) : ""} requests
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
