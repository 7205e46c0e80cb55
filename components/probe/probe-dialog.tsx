"use client";

import { LoaderCircle } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/components/ui/dialog";
import { WIRE_NAMES } from "@/lib/params";
import { probeDate } from "@/lib/probe/apply";
import { outputLabels, VERDICT_LABELS } from "@/lib/probe/decide";
import { PROBE_MAX_TOKENS, PROBE_PROMPT, probedParamName, type probePlan } from "@/lib/probe/plan";
import type { ProbeView } from "@/lib/probe/types";
import { cn } from "@/lib/utils";
import { VERDICT_ICONS } from "./verdict-icons";

/**
 * "Test parameters": what the probe will send (to confirm), its progress while it runs, then its verdicts
 * and evidence. Downloaded when first opened; ProbeSection holds the state, which outlives the dialog.
 */
export function ProbeDialog({
  open,
  onOpenChange,
  modelLabel,
  plan,
  view,
  running,
  progress,
  error,
  result,
  onRun,
  onRunAgain,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** "AI/ML API openai/gpt-4o-mini" */
  modelLabel: string;
  plan: ReturnType<typeof probePlan>;
  view: "confirm" | "results";
  /** the model under test while a test runs */
  running: string | undefined;
  progress: { done: number; total: number } | undefined;
  error: string | undefined;
  result: ProbeView | undefined;
  onRun: () => void;
  onRunAgain: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl grid-rows-[auto_minmax(0,1fr)_auto] overflow-hidden">
        <div className="grid gap-1.5">
          <DialogTitle>Test parameters</DialogTitle>
          <DialogDescription>
            {modelLabel}: does each sampling parameter change what the model writes?
          </DialogDescription>
        </div>
        <div className="min-h-0 overflow-y-auto">
          {view === "confirm" ? (
            <ConfirmBody plan={plan} />
          ) : running !== undefined ? (
            <div className="grid gap-2">
              <p role="status" className="flex items-center gap-2 text-sm">
                <LoaderCircle aria-hidden className="size-4 animate-spin" />
                {running}: {progress?.done ?? 0} of {progress?.total ?? plan.length} requests done, two at a
                time…
              </p>
              <div
                role="progressbar"
                aria-label="Requests done"
                aria-valuemin={0}
                aria-valuemax={progress?.total ?? plan.length}
                aria-valuenow={progress?.done ?? 0}
                className="h-1.5 overflow-hidden rounded-full bg-muted"
              >
                <div
                  className="h-full bg-primary transition-[width]"
                  style={{ width: `${((progress?.done ?? 0) / (progress?.total ?? plan.length)) * 100}%` }}
                />
              </div>
            </div>
          ) : error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : result ? (
            <ProbeResults probe={result} />
          ) : (
            <p role="status" className="text-muted-foreground text-sm">
              Loading…
            </p>
          )}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              {view === "confirm" ? "Cancel" : "Close"}
            </Button>
          </DialogClose>
          {view === "confirm" ? (
            <Button type="button" onClick={onRun} disabled={running !== undefined}>
              Send {plan.length} requests
            </Button>
          ) : (
            <Button type="button" variant="secondary" onClick={onRunAgain} disabled={running !== undefined}>
              Run again…
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function describeSent(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
    .join(" · ");
}

function ConfirmBody({ plan }: { plan: ReturnType<typeof probePlan> }) {
  return (
    <div className="grid gap-3 text-sm">
      <p>
        This sends <strong>{plan.length} requests</strong> of at most {PROBE_MAX_TOKENS} tokens each (
        {plan.length * PROBE_MAX_TOKENS} completion tokens at most), all with the prompt “{PROBE_PROMPT}”, two
        at a time. They are billed like any other request; nothing is added to your chats.
      </p>
      <ul className="grid gap-0.5 rounded-md border bg-muted/30 px-3 py-2 font-mono text-xs">
        {plan.map((p) => (
          <li key={p.id}>
            <span className="text-muted-foreground">{p.id}</span>{" "}
            {Object.entries(p.params)
              .map(([k, v]) => `${WIRE_NAMES[k as keyof typeof WIRE_NAMES]} ${v}`)
              .join(" · ")}
          </li>
        ))}
      </ul>
      <p className="text-muted-foreground text-xs">
        Same answer at temperature 0 twice, different answers at 1.5: temperature has an effect. A narrow
        top_p or a fixed seed should make answers at 1.5 repeat; a penalty should change the answer at 0. When
        the reference itself varies, or a request fails, the verdict is inconclusive.
      </p>
    </div>
  );
}

function ProbeResults({ probe }: { probe: ProbeView }) {
  const labels = outputLabels(probe.samples);
  const headingId = useId();
  return (
    <div className="grid gap-4 text-sm">
      <p className="text-muted-foreground text-xs">Tested {probeDate(probe.createdAt)}.</p>
      <ul aria-label="Verdicts" className="grid gap-2">
        {probe.verdicts.map((v) => {
          const Icon = VERDICT_ICONS[v.verdict];
          return (
            <li key={v.param} className="grid gap-0.5">
              <p className="flex items-center gap-1.5 font-medium">
                <Icon aria-hidden className={cn("size-4", v.verdict === "ignored" && "text-warning")} />
                <span>
                  <span className="font-mono">{probedParamName(v.param)}</span>: {VERDICT_LABELS[v.verdict]}
                </span>
              </p>
              <p className="text-muted-foreground text-xs">{v.reason}</p>
              <p className="font-mono text-[11px] text-muted-foreground">
                {v.evidence.map((id) => `${id} ${labels.get(id) ?? "?"}`).join(" · ")}
              </p>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby={headingId} className="grid gap-2">
        <h3 id={headingId} className="font-medium text-xs">
          Requests and answers (same letter, same text)
        </h3>
        <ol className="grid gap-2">
          {probe.samples.map((s) => (
            <li key={s.id} className="grid gap-1 rounded-md border px-2.5 py-2 text-xs">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono font-medium">{s.id}</span>
                <span className="rounded bg-muted px-1 font-mono">{labels.get(s.id)}</span>
                <span className="font-mono text-muted-foreground">{describeSent(s.sent)}</span>
                <span className="text-muted-foreground">{(s.ms / 1000).toFixed(1)} s</span>
              </p>
              {s.error !== undefined ? (
                <p className="text-destructive">{s.error}</p>
              ) : (
                <p className="whitespace-pre-wrap break-words text-muted-foreground">
                  {s.output || "(no text)"}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
