"use client";

import {
  ChartColumn,
  Diff,
  EyeOff,
  FoldVertical,
  Plus,
  SlidersHorizontal,
  Trophy,
  UnfoldVertical,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Composer } from "@/components/chat/composer";
import { LazyExportMenu, LazyShareButton } from "@/components/share/lazy-share";
import { useComposerShortcuts } from "@/components/shortcuts/use-composer-shortcuts";
import { useShell } from "@/components/sidebar/app-shell";
import { PageHeader } from "@/components/sidebar/page-header";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { Catalog } from "@/lib/ai/models";
import { blindLabel, currentOrder } from "@/lib/compare/blind";
import { providersDiffer } from "@/lib/compare/differences";
import { CONFIRM_ABOVE_REQUESTS, requestCount } from "@/lib/compare/samples";
import { type ComparisonView, MAX_COLUMNS, MIN_COLUMNS } from "@/lib/compare/types";
import { cn } from "@/lib/utils";
import type { AnswerOutcome } from "./answer-metrics";
import { BlindResultsDialog } from "./blind-results-dialog";
import { BlindVotes, type VoteSlot, type VoteTurn } from "./blind-votes";
import { type ColumnHandle, CompareColumn } from "./compare-column";
import { DiffDialog } from "./diff-dialog";
import { type SampleRunPlan, SamplesConfirmDialog } from "./samples-confirm-dialog";
import { StatisticsDialog } from "./statistics-dialog";
import { SweepDialog } from "./sweep-dialog";
import { useBlind } from "./use-blind";
import { useComparison } from "./use-comparison";
import { presetSamples, useSamples } from "./use-samples";

const REFRESH_DELAY_MS = 300;

/** The comparison view: 2–6 columns, each its own model, parameters and history, fed by one composer. */
export function Compare({ catalog, comparison }: { catalog: Catalog; comparison?: ComparisonView }) {
  const router = useRouter();
  const { comparisons, refreshComparisons } = useShell();
  const cmp = useComparison(catalog, comparison, (id) => {
    window.history.replaceState(null, "", `/compare/${id}`);
    void refreshComparisons();
  });
  const { columns, persisted, comparisonId } = cmp;
  const blindAb = useBlind(comparisonId, comparison?.blind, cmp.ensurePersisted);
  const blindOrder = blindAb.state.order;
  const blind = blindOrder !== null;
  // While blind, the columns in the stored shuffled order under neutral names; otherwise as they are.
  const shown = useMemo(() => {
    if (!blindOrder) return columns;
    const byId = new Map(columns.map((c) => [c.id, c]));
    return currentOrder(
      blindOrder,
      columns.map((c) => c.id),
    ).flatMap((id) => byId.get(id) ?? []);
  }, [blindOrder, columns]);
  const slots = useMemo<VoteSlot[]>(
    () =>
      blind
        ? shown.map((c, i) => ({ id: c.id, label: blindLabel(i), short: blindLabel(i).slice(-1) }))
        : columns.map((c, i) => ({ id: c.id, label: `Column ${i + 1}`, short: String(i + 1) })),
    [blind, shown, columns],
  );
  // Badges on the answers: the user's pick while blind; the winner of each revealed vote once not blind.
  const outcomes = useMemo(() => {
    const out = new Map<string, AnswerOutcome>();
    for (const v of blindAb.state.votes) {
      if (blind === Boolean(v.revealedAt)) continue;
      for (const c of v.candidates) {
        const won = c.columnId === v.winnerColumnId;
        if (blind) {
          if (won) out.set(c.messageId, "picked");
        } else out.set(c.messageId, v.winnerColumnId === null ? "tie" : won ? "won" : "lost");
      }
    }
    return out;
  }, [blindAb.state.votes, blind]);
  const [columnTurns, setColumnTurns] = useState<ReadonlyMap<string, VoteTurn[]>>(new Map());
  const onTurnsChange = useCallback((id: string, turns: VoteTurn[]) => {
    setColumnTurns((prev) => new Map(prev).set(id, turns));
  }, []);
  // A message can be voted on once every column has answered it.
  const voteTurns = useMemo<VoteTurn[]>(() => {
    const all = columns.map((c) => columnTurns.get(c.id) ?? []);
    const count = Math.min(...all.map((t) => t.length));
    return Array.from({ length: Number.isFinite(count) ? count : 0 }, (_, i) => ({
      prompt: all[0]?.[i]?.prompt ?? "",
      answered: all.every((t) => t[i]?.answered),
      answerIds: all.flatMap((t) => t[i]?.answerIds ?? []),
    }));
  }, [columns, columnTurns]);
  const [resultsOpen, setResultsOpen] = useState(false);
  const blindToggle = useRef<HTMLButtonElement>(null);

  // The columns' chat sessions, reached through stable per-column ref callbacks.
  const handles = useRef(new Map<string, ColumnHandle>());
  const refCallbacks = useRef(new Map<string, (h: ColumnHandle | null) => void>());
  const refFor = (id: string) => {
    let cb = refCallbacks.current.get(id);
    if (!cb) {
      cb = (h) => {
        if (h) handles.current.set(id, h);
        else handles.current.delete(id);
      };
      refCallbacks.current.set(id, cb);
    }
    return cb;
  };

  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const onBusyChange = useCallback((id: string, busy: boolean) => {
    setBusyIds((prev) => {
      if (prev.has(id) === busy) return prev;
      const next = new Set(prev);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const samples = useSamples(comparisonId, columns);
  // Between two samples no column is busy, but the run is not over: the composer keeps its Stop all.
  const anyBusy = columns.some((c) => busyIds.has(c.id)) || samples.sampling;

  // One refresh of the sidebar per send, not one per column (the first message names the comparison).
  const refreshTimer = useRef<number | undefined>(undefined);
  const onResponseOk = useCallback(() => {
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => void refreshComparisons(), REFRESH_DELAY_MS);
  }, [refreshComparisons]);
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const onToggleParams = useCallback((id: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const allCollapsed = columns.every((c) => collapsed.has(c.id));

  const [input, setInput] = useState("");
  // A column's View code reads the composer's text when it opens; the columns need not re-render per keystroke.
  const inputRef = useRef(input);
  inputRef.current = input;
  const composerText = useCallback(() => inputRef.current, []);
  const blocked = columns.findIndex((c) => c.blockedReason);
  const blockedReason =
    blocked < 0
      ? undefined
      : blind
        ? "A column's settings are invalid: Reveal to fix them"
        : `Column ${blocked + 1}: ${columns[blocked]?.blockedReason}`;

  const totalRequests = requestCount(columns.map((c) => samples.samplesOf(c.id)));
  // A send of more than CONFIRM_ABOVE_REQUESTS requests waits for the user's go-ahead.
  const [plan, setPlan] = useState<SampleRunPlan | null>(null);
  const send = async (confirmed = false) => {
    const text = input;
    if (!text.trim() || anyBusy || blockedReason) return;
    const counts = columns.map((c) => samples.samplesOf(c.id));
    const requests = requestCount(counts);
    if (!confirmed && requests > CONFIRM_ABOVE_REQUESTS) {
      setPlan({
        requests,
        columns: columns.length,
        samples: counts,
        maxTokens: columns.reduce(
          (sum, c, i) => sum + (counts[i] ?? 1) * (c.settings?.params.maxTokens ?? c.limits.maxTokens),
          0,
        ),
      });
      return;
    }
    setInput("");
    if (!(await cmp.ensurePersisted())) {
      setInput((current) => (current === "" ? text : current));
      return;
    }
    // Every column at once, each drawing its samples one after another.
    void samples.draw(text, handles.current);
  };

  const stopAll = () => {
    samples.stopSamples();
    for (const h of handles.current.values()) h.stop();
  };
  useComposerShortcuts({ busy: anyBusy, onStop: stopAll });

  const { addColumn, removeColumn, ensurePersisted } = cmp;
  const onDuplicate = useCallback((id: string) => void addColumn(id), [addColumn]);
  const onRemove = useCallback((id: string) => void removeColumn(id), [removeColumn]);
  const onContinue = useCallback(
    async (columnId: string) => {
      if (!(await ensurePersisted())) return;
      const res = await fetch(
        `/api/comparisons/${encodeURIComponent(comparisonId)}/columns/${encodeURIComponent(columnId)}/continue`,
        { method: "POST" },
      ).catch(() => null);
      if (!res?.ok) {
        toast.error("Could not continue this column as a chat");
        return;
      }
      const { url } = (await res.json()) as { url: string };
      router.push(url);
    },
    [comparisonId, ensurePersisted, router],
  );

  const [sweepOpen, setSweepOpen] = useState(false);
  const [sweepStartsNew, setSweepStartsNew] = useState(false);
  const [diffOpen, setDiffOpen] = useState(false);
  const [statsOpen, setStatsOpen] = useState(false);
  const hasHistory = () => columns.some((c) => (handles.current.get(c.id)?.messageCount() ?? 0) > 0);

  const title =
    comparisons.find((c) => c.id === comparisonId)?.title ?? comparison?.title ?? "New comparison";
  useEffect(() => {
    document.title = `${title} · Speciale Playground`;
  }, [title]);

  const baseline = columns[0];
  if (!baseline) return null;
  // Disabled while blind (they would show settings); on a phone not shown at all, to leave room for Reveal.
  const offWhileBlind = blind ? "max-sm:hidden" : undefined;
  const showProvider = providersDiffer(columns.map((c) => c.selection));

  return (
    <main aria-label="Comparison" className="flex min-w-0 flex-1 flex-col">
      <PageHeader title={title}>
        <span className="hidden shrink-0 rounded-md bg-muted px-1.5 py-px text-[11px] text-muted-foreground sm:inline">
          {columns.length} columns
        </span>
        <div className="ml-auto flex shrink-0 items-center gap-1">
          <Button
            variant="outline"
            size="sm"
            aria-label="Add column"
            className={offWhileBlind}
            disabled={blind || columns.length >= MAX_COLUMNS}
            onClick={() => void addColumn()}
          >
            <Plus />
            <span className="hidden md:inline">Add column</span>
          </Button>
          <Button
            variant="outline"
            size="sm"
            aria-label="Sweep"
            className={offWhileBlind}
            disabled={blind || anyBusy || !baseline.settings}
            onClick={() => {
              setSweepStartsNew(hasHistory());
              setSweepOpen(true);
            }}
          >
            <SlidersHorizontal />
            <span className="hidden md:inline">Sweep</span>
          </Button>
          <Button
            variant="outline"
            size="sm"
            aria-label="Diff"
            className={offWhileBlind}
            disabled={blind}
            onClick={() => setDiffOpen(true)}
          >
            <Diff />
            <span className="hidden md:inline">Diff</span>
          </Button>
          <Tooltip content="Statistics of every column's samples of the last message">
            <Button
              variant="outline"
              size="sm"
              aria-label="Statistics"
              className={offWhileBlind}
              disabled={blind}
              onClick={() => setStatsOpen(true)}
            >
              <ChartColumn />
              <span className="hidden xl:inline">Statistics</span>
            </Button>
          </Tooltip>
          <Tooltip
            content={
              blind
                ? "Blind mode is on: Reveal shows the settings"
                : "Hide the settings and shuffle the columns, then vote per message"
            }
          >
            <Button
              variant={blind ? "secondary" : "outline"}
              size="sm"
              aria-label="Blind mode"
              aria-pressed={blind}
              ref={blindToggle}
              disabled={!blind && anyBusy}
              onClick={() => void (blind ? blindAb.reveal() : blindAb.start())}
            >
              <EyeOff />
              <span className="hidden lg:inline">Blind mode</span>
            </Button>
          </Tooltip>
          {blind && (
            <Button
              size="sm"
              // Reveal goes away once done: the focus moves to the toggle beside it, not to the page.
              onClick={() => void blindAb.reveal().then(() => blindToggle.current?.focus())}
            >
              Reveal
            </Button>
          )}
          <Tooltip content="Blind A/B results across comparisons">
            <Button variant="ghost" size="icon-sm" aria-label="Results" onClick={() => setResultsOpen(true)}>
              <Trophy />
            </Button>
          </Tooltip>
          <Tooltip
            content={allCollapsed ? "Show every column's parameters" : "Hide every column's parameters"}
          >
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={allCollapsed ? "Show all parameters" : "Hide all parameters"}
              className={cn("hidden", !blind && "sm:inline-flex")}
              onClick={() => setCollapsed(allCollapsed ? new Set() : new Set(columns.map((c) => c.id)))}
            >
              {allCollapsed ? <UnfoldVertical /> : <FoldVertical />}
            </Button>
          </Tooltip>
          {persisted && (
            <>
              <LazyShareButton kind="comparison" id={comparisonId} />
              <LazyExportMenu kind="comparison" id={comparisonId} />
            </>
          )}
          <ThemeToggle />
        </div>
      </PageHeader>

      <div className="flex min-h-0 flex-1 snap-x snap-mandatory overflow-x-auto overscroll-x-contain md:snap-none">
        {shown.map((c, i) => (
          <CompareColumn
            key={c.id}
            ref={refFor(c.id)}
            index={columns.indexOf(c)}
            blindLabel={blind ? blindLabel(i) : undefined}
            outcomes={outcomes}
            onTurnsChange={onTurnsChange}
            column={c}
            baseline={baseline}
            catalog={catalog}
            showProvider={showProvider}
            canRemove={columns.length > MIN_COLUMNS}
            canDuplicate={columns.length < MAX_COLUMNS}
            paramsOpen={!collapsed.has(c.id)}
            onToggleParams={onToggleParams}
            onParamChange={cmp.changeParam}
            onApplyParams={cmp.applyParams}
            composerText={composerText}
            onSelectionChange={cmp.changeSelection}
            onDuplicate={onDuplicate}
            onRemove={onRemove}
            onContinue={onContinue}
            onBusyChange={onBusyChange}
            onResponseOk={onResponseOk}
            samples={samples.samplesOf(c.id)}
            onSamplesChange={samples.setSamples}
            sampling={samples.progress.get(c.id)}
            onStopSamples={samples.stopSamples}
          />
        ))}
      </div>

      <BlindVotes
        blind={blind}
        turns={voteTurns}
        slots={slots}
        votes={blindAb.state.votes}
        onVote={(turn, winner) => void blindAb.vote(turn, winner)}
      />

      <div className="border-t bg-background px-3 pt-2 pb-3 sm:px-6 sm:pb-4">
        <div className="mx-auto w-full max-w-3xl">
          <Composer
            value={input}
            onChange={setInput}
            onSend={() => void send()}
            onStop={stopAll}
            stopLabel="Stop all"
            busy={anyBusy}
            blockedReason={blockedReason}
            footer={
              blockedReason ? (
                <span className="text-destructive">{blockedReason}</span>
              ) : (
                <>
                  Sends to all {columns.length} columns at once, each with its own history
                  {totalRequests > columns.length && ` · ${totalRequests} answers in all (samples)`}
                </>
              )
            }
          />
        </div>
      </div>

      <SweepDialog
        open={sweepOpen}
        onOpenChange={setSweepOpen}
        baseline={baseline}
        startsNew={sweepStartsNew}
        onApply={async (key, values) => {
          // Every column of the sweep draws as many samples as column 1.
          const count = samples.samplesOf(baseline.id);
          const created = await cmp.applySweep(key, values, sweepStartsNew);
          setSweepOpen(false);
          if (created) {
            presetSamples(created, count);
            router.push(`/compare/${created}`);
          } else for (const c of columns) samples.setSamples(c.id, count);
        }}
      />
      <SamplesConfirmDialog
        plan={plan}
        onCancel={() => setPlan(null)}
        onConfirm={() => {
          setPlan(null);
          void send(true);
        }}
      />
      <StatisticsDialog
        open={statsOpen}
        onOpenChange={setStatsOpen}
        comparisonId={comparisonId}
        columns={columns}
        catalog={catalog}
        latestAnswerId={(id) => handles.current.get(id)?.latestAnswer()?.id}
      />
      <BlindResultsDialog open={resultsOpen} onOpenChange={setResultsOpen} catalog={catalog} />
      <DiffDialog
        open={diffOpen}
        onOpenChange={setDiffOpen}
        columns={columns}
        latestAnswer={(id) => handles.current.get(id)?.latestAnswer()}
      />
    </main>
  );
}
