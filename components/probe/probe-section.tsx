"use client";

import { CircleCheck, CircleHelp, CircleSlash, FlaskConical, Info, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ModelSelection } from "@/lib/ai/models";
import { type ModelLimits, WIRE_NAMES } from "@/lib/params";
import { probeDate } from "@/lib/probe/apply";
import { outputLabels, VERDICT_LABELS, type Verdict } from "@/lib/probe/decide";
import { PROBE_MAX_TOKENS, PROBE_PROMPT, probedParamName, probePlan } from "@/lib/probe/plan";
import type { ProbeSummary, ProbeView } from "@/lib/probe/types";
import { cn } from "@/lib/utils";

const VERDICT_ICONS: Record<Verdict, typeof CircleCheck> = {
  effect: CircleCheck,
  ignored: CircleSlash,
  inconclusive: CircleHelp,
};

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

      <Dialog open={open} onOpenChange={setOpen}>
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
              <Button type="button" onClick={run} disabled={running !== undefined}>
                Send {plan.length} requests
              </Button>
            ) : (
              <Button
                type="button"
                variant="secondary"
                onClick={() => setView("confirm")}
                disabled={running !== undefined}
              >
                Run again…
              </Button>
            )}
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
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
