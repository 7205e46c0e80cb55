"use client";

import { FlaskConical, Info, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { Button } from "@/components/ui/button";
import { LazyDialog } from "@/components/ui/lazy-control";
import { lazyComponent } from "@/components/use-lazy-component";
import type { ModelSelection } from "@/lib/ai/models";
import { type ModelLimits, WIRE_NAMES } from "@/lib/params";
import { probeDate } from "@/lib/probe/apply";
import { VERDICT_LABELS } from "@/lib/probe/decide";
import { probedParamName, probePlan } from "@/lib/probe/plan";
import type { ProbeSummary, ProbeView } from "@/lib/probe/types";
import { cn } from "@/lib/utils";
import { VERDICT_ICONS } from "./verdict-icons";

const probeDialog = lazyComponent(() => import("./probe-dialog").then((m) => m.ProbeDialog));

/**
 * What is known about which sampling parameters this model honours — the latest effectiveness probe's
 * verdicts, else the static knowledge of the provider presets — and "Test parameters", which runs the probe
 * (after saying what it spends) and shows its evidence.
 */
export function ProbeSection({
  selection,
  providerName,
  limits,
  probe,
  canTest,
  dense = false,
}: {
  selection: ModelSelection;
  providerName: string;
  limits: ModelLimits;
  probe?: ProbeSummary;
  /** the model can be sent to now (its provider is configured) */
  canTest: boolean;
  dense?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  /** the model under test ("AI/ML API openai/gpt-4o-mini") while a test runs: the selection may change meanwhile */
  const [running, setRunning] = useState<string>();
  const [result, setResult] = useState<ProbeView>();
  const [error, setError] = useState<string>();
  const [view, setView] = useState<"confirm" | "results">("confirm");
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const poll = useRef<ReturnType<typeof setInterval>>(undefined);
  useEffect(() => () => clearInterval(poll.current), []);
  const plan = probePlan(limits);
  const modelLabel = `${providerName} ${selection.modelId}`;
  const staticNote = !probe && (limits.ignored.length > 0 || limits.ignoredNote);
  // applyProbe keeps the static note only when the probe decided nothing: then it still says what is known.
  const keptNote = probe ? limits.ignoredNote : undefined;
  if (!canTest && !probe && !staticNote) return null;

  const query = new URLSearchParams({ providerId: selection.providerId, modelId: selection.modelId });

  const showDetails = async () => {
    setView("results");
    setError(undefined);
    setOpen(true);
    if (result && result.providerId === selection.providerId && result.modelId === selection.modelId) return;
    setResult(undefined);
    const res = await fetch(`/api/probes?${query}`, { cache: "no-store" }).catch(() => undefined);
    if (!res?.ok)
      return setError(
        res
          ? await failureMessage(res, `The server answered ${res.status}`)
          : "The server could not be reached",
      );
    setResult(((await res.json()) as { probe: ProbeView | null }).probe ?? undefined);
  };

  const run = async () => {
    setRunning(modelLabel);
    setError(undefined);
    setView("results");
    setResult(undefined);
    setProgress({ done: 0, total: plan.length });
    // The POST answers when every request has ended; meanwhile the server says how many have.
    poll.current = setInterval(async () => {
      const res = await fetch(`/api/probes?${query}`, { cache: "no-store" }).catch(() => undefined);
      const body = res?.ok
        ? ((await res.json().catch(() => null)) as { running: { done: number; total: number } | null } | null)
        : null;
      if (body?.running) setProgress(body.running);
    }, 1000);
    try {
      const res = await fetch("/api/probes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ providerId: selection.providerId, modelId: selection.modelId }),
      }).catch(() => undefined);
      if (!res?.ok) {
        const message = res
          ? await failureMessage(res, `The server answered ${res.status}`)
          : "The server could not be reached";
        setError(message);
        toast.error(`Could not test ${modelLabel}`, { description: message });
        return;
      }
      const { probe: done } = (await res.json()) as { probe: ProbeView };
      setResult(done);
      const failed = done.samples.find((s) => s.error !== undefined);
      if (failed && done.samples.every((s) => s.error !== undefined)) {
        toast.error(`Every request to ${modelLabel} failed`, { description: failed.error });
      } else {
        toast.success(`Parameters of ${modelLabel} tested`);
      }
      // The catalog (limits and verdicts of every panel and column) comes from the server.
      router.refresh();
    } finally {
      clearInterval(poll.current);
      setRunning(undefined);
    }
  };

  return (
    <div
      className={cn(
        "grid gap-2 rounded-md border px-2.5 py-2 text-xs",
        staticNote ? "border-warning/30 bg-warning/5" : "bg-muted/30",
      )}
    >
      {probe ? (
        <div className="grid gap-1">
          <p className="font-medium">Parameter test · {probeDate(probe.createdAt)}</p>
          <ul
            aria-label="Parameter test results"
            className={cn(dense ? "flex flex-wrap gap-x-3 gap-y-0.5" : "grid gap-0.5")}
          >
            {probe.verdicts.map((v) => {
              const Icon = VERDICT_ICONS[v.verdict];
              return (
                <li key={v.param} className="flex items-center gap-1.5">
                  <Icon
                    aria-hidden
                    className={cn(
                      "size-3.5 shrink-0",
                      v.verdict === "ignored" ? "text-warning" : "text-muted-foreground",
                    )}
                  />
                  <span>
                    <span className="font-mono">{probedParamName(v.param)}</span>: {VERDICT_LABELS[v.verdict]}
                  </span>
                </li>
              );
            })}
          </ul>
          {keptNote && <p className="text-muted-foreground">{keptNote}</p>}
        </div>
      ) : staticNote ? (
        <div className="flex gap-2">
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
      ) : (
        !dense && (
          <p className="text-muted-foreground">
            Not tested whether this model applies each sampling parameter.
          </p>
        )
      )}
      <div className={cn("flex flex-wrap gap-1.5", !canTest && "hidden")}>
        <Button
          type="button"
          variant="outline"
          size="xs"
          onClick={() => {
            // While a test runs this reopens it, to follow its progress.
            setView(running !== undefined ? "results" : "confirm");
            if (running === undefined) setError(undefined);
            setOpen(true);
          }}
        >
          {running !== undefined ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <FlaskConical aria-hidden />
          )}
          {running !== undefined
            ? `Testing… ${progress?.done ?? 0}/${progress?.total ?? plan.length}`
            : "Test parameters"}
        </Button>
        {probe && (
          <Button type="button" variant="ghost" size="xs" onClick={showDetails}>
            Details
          </Button>
        )}
      </div>

      <LazyDialog
        lazy={probeDialog}
        props={{
          open,
          onOpenChange: setOpen,
          modelLabel,
          plan,
          view,
          running,
          progress,
          error,
          result,
          onRun: run,
          onRunAgain: () => setView("confirm"),
        }}
      />
    </div>
  );
}
