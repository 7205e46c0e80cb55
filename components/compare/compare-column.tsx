"use client";

import { ChevronDown, Copy, MessageSquareShare, Square, TriangleAlert, X } from "lucide-react";
import {
  memo,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from "react";
import { AssistantMessage } from "@/components/chat/assistant-message";
import { type MessageActions, MessageActionsProvider } from "@/components/chat/message-actions";
import {
  MergeAheadNotice,
  RequestErrorBanner,
  ScrollToLatestButton,
  UnansweredNotice,
} from "@/components/chat/message-list-controls";
import { historyTurns, messageText } from "@/components/chat/message-parts";
import { useChatSession } from "@/components/chat/use-chat-session";
import { useStickToBottom } from "@/components/chat/use-stick-to-bottom";
import { UserMessage } from "@/components/chat/user-message";
import { ParamFields } from "@/components/params/param-fields";
import type { ParamField } from "@/components/params/param-form";
import { ParamsToolbar } from "@/components/params/params-toolbar";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Tooltip } from "@/components/ui/tooltip";
import type { Catalog, ModelSelection } from "@/lib/ai/models";
import { endsUnanswered, mergedPrompts } from "@/lib/chat/history";
import type { ChatUIMessage } from "@/lib/chat/types";
import {
  type Difference,
  describeDifferences,
  ignoredVariations,
  ignoredWarning,
} from "@/lib/compare/differences";
import {
  clampSamples,
  MAX_SAMPLES,
  MIN_SAMPLES,
  retryAfterMs,
  type SampleOutcome,
  type SamplingProgress,
} from "@/lib/compare/samples";
import type { GenerationParams } from "@/lib/params";
import { cn } from "@/lib/utils";
import { AnswerMetrics, type AnswerOutcome } from "./answer-metrics";
import { useAnswerSamples } from "./answer-samples";
import type { VoteTurn } from "./blind-votes";
import { SampleSummary } from "./sample-summary";
import type { ColumnState } from "./use-comparison";

/** What the comparison does with a column: the shared composer fans out through these. */
export interface ColumnHandle {
  submit: (text: string) => void;
  /** a sample of the last message: the first one a submit, the next ones a regenerate; resolves when it ends */
  sample: (action: { kind: "submit"; text: string } | { kind: "regenerate" }) => Promise<SampleOutcome>;
  stop: () => void;
  latestAnswer: () => ChatUIMessage | undefined;
  messageCount: () => number;
}

const noop = () => {};
/** Six columns stream at once: fewer, larger updates keep the page responsive. */
const STREAM_THROTTLE_MS = 150;

/**
 * The column's sample count: the text is the user's while they type (a cleared field stays cleared); each
 * readable value is applied clamped to 1–10, and leaving the field shows the count applied.
 */
function SamplesInput({
  id,
  describedBy,
  value,
  onChange,
}: {
  id: string;
  describedBy: string;
  value: number;
  onChange: (samples: number) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  return (
    <Input
      id={id}
      type="number"
      inputMode="numeric"
      min={MIN_SAMPLES}
      max={MAX_SAMPLES}
      step={1}
      value={text ?? String(value)}
      aria-describedby={describedBy}
      className="h-7 w-16 text-[13px]"
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        if (next.trim() !== "" && Number.isFinite(Number(next))) onChange(clampSamples(next));
      }}
      onBlur={() => setText(null)}
    />
  );
}

/** The column's parameter controls, memoized: they need not re-render with every streamed chunk. */
const ColumnParams = memo(function ColumnParams({
  column,
  catalog,
  open,
  onParamChange,
  onApplyParams,
  onSelectionChange,
  composerText,
  samples,
  onSamplesChange,
}: {
  column: ColumnState;
  catalog: Catalog;
  open: boolean;
  samples: number;
  onSamplesChange: (id: string, samples: number) => void;
  onParamChange: (id: string, field: ParamField, value: string, bad?: boolean) => void;
  onApplyParams: (id: string, params: GenerationParams) => void;
  onSelectionChange: (id: string, sel: ModelSelection) => void;
  composerText: () => string;
}) {
  const { id, selection, form } = column;
  const providerName =
    catalog.providers.find((p) => p.id === selection.providerId)?.name ?? selection.providerId;
  return (
    <div id={`col-${id}-params`} hidden={!open} className="grid gap-3 border-b bg-muted/25 px-3 py-3">
      <ParamsToolbar
        limits={column.limits}
        modelLabel={`${selection.modelId} (${providerName})`}
        values={column.values}
        params={form.valid ? form.params : undefined}
        invalidReason="Fix the invalid parameters first"
        onApply={(params) => onApplyParams(id, params)}
        loadCode={() =>
          fetch("/api/view-code", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              conversationId: id,
              providerId: selection.providerId,
              modelId: selection.modelId,
              params: form.params,
              text: composerText(),
            }),
          })
        }
      />
      <div className="flex items-center gap-2">
        <label htmlFor={`col-${id}-samples`} className="font-medium text-[12.5px] text-foreground/90">
          Samples
        </label>
        <SamplesInput
          id={`col-${id}-samples`}
          describedBy={`col-${id}-samples-hint`}
          value={samples}
          onChange={(n) => onSamplesChange(id, n)}
        />
        <span id={`col-${id}-samples-hint`} className="text-[11px] text-muted-foreground">
          answers per message (1–10), kept as versions
        </span>
      </div>
      <ParamFields
        idPrefix={`col-${id}`}
        dense
        catalog={catalog}
        selection={column.selection}
        onSelectionChange={(sel) => onSelectionChange(id, sel)}
        selectionNote={column.note}
        limits={column.limits}
        values={column.values}
        errors={column.form.errors}
        onChange={(field, value, bad) => onParamChange(id, field, value, bad)}
      />
    </div>
  );
});

/** A column's header while blind: its neutral name only (no model, no chips, no actions that show settings). */
function BlindHeader({ label }: { label: string }) {
  return (
    <header className="flex min-h-11 items-center border-b px-3 py-2">
      <h2 className="font-semibold text-[13px]">{label}</h2>
    </header>
  );
}

/** The column's user messages and whether each has a finished answer, for the blind vote panel. */
function voteTurns(messages: ChatUIMessage[], busy: boolean): VoteTurn[] {
  const turns: VoteTurn[] = [];
  messages.forEach((m, i) => {
    if (m.role !== "user") return;
    const next = messages[i + 1];
    const finished =
      next?.role === "assistant" &&
      next.metadata?.status !== "streaming" &&
      !(busy && i + 1 === messages.length - 1);
    turns.push({
      prompt: messageText(m).slice(0, 200),
      answered: finished,
      answerIds: next?.role === "assistant" ? [next.id] : [],
    });
  });
  return turns;
}

/** Memoized: a column re-renders with every streamed update of its answer, its header need not. */
const ColumnHeader = memo(function ColumnHeader({
  id,
  index,
  modelId,
  providerName,
  showProvider,
  paramsId,
  paramsOpen,
  canDuplicate,
  canRemove,
  busy,
  differences,
  ignored,
  probedAt,
  onToggleParams,
  onDuplicate,
  onContinue,
  onRemove,
}: {
  id: string;
  index: number;
  modelId: string;
  providerName: string;
  /** the columns use more than one provider: name this one next to the model */
  showProvider: boolean;
  paramsId: string;
  paramsOpen: boolean;
  canDuplicate: boolean;
  canRemove: boolean;
  busy: boolean;
  differences: Difference[];
  ignored: ReturnType<typeof ignoredVariations>;
  /** when an effectiveness probe, not the static knowledge, said what this model ignores */
  probedAt?: number;
  onToggleParams: (id: string) => void;
  onDuplicate: (id: string) => void;
  onContinue: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  return (
    <header className="flex flex-col gap-1.5 border-b px-3 py-2">
      <div className="flex min-h-7 items-center gap-1">
        <h2 className="shrink-0 font-semibold text-[13px]">Column {index + 1}</h2>
        <span
          className="min-w-0 truncate pl-1 text-muted-foreground text-xs"
          title={`${providerName} · ${modelId}`}
        >
          {showProvider && <span className="font-medium text-foreground/80">{providerName} · </span>}
          {modelId}
        </span>
        <div className="ml-auto flex shrink-0 items-center">
          <Tooltip content={paramsOpen ? "Hide parameters" : "Show parameters"}>
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label={paramsOpen ? "Hide parameters" : "Show parameters"}
              aria-expanded={paramsOpen}
              aria-controls={paramsId}
              className="text-muted-foreground"
              onClick={() => onToggleParams(id)}
            >
              <ChevronDown className={cn("transition-transform", !paramsOpen && "-rotate-90")} />
            </Button>
          </Tooltip>
          <Tooltip content="Duplicate column">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Duplicate column"
              className="text-muted-foreground"
              disabled={!canDuplicate}
              onClick={() => onDuplicate(id)}
            >
              <Copy />
            </Button>
          </Tooltip>
          <Tooltip content="Continue as chat">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Continue as chat"
              className="text-muted-foreground"
              disabled={busy}
              onClick={() => onContinue(id)}
            >
              <MessageSquareShare />
            </Button>
          </Tooltip>
          <Tooltip content="Remove column">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Remove column"
              className="text-muted-foreground hover:text-destructive"
              disabled={!canRemove || busy}
              onClick={() => onRemove(id)}
            >
              <X />
            </Button>
          </Tooltip>
        </div>
      </div>
      <div className="flex min-h-5 flex-wrap items-center gap-1">
        {index === 0 ? (
          <span className="rounded-md border border-dashed px-1.5 py-px text-[11px] text-muted-foreground">
            baseline
          </span>
        ) : differences.length === 0 ? (
          <span className="text-[11px] text-muted-foreground">same settings as column 1</span>
        ) : (
          differences.map((d) => (
            <span
              key={d.key}
              className={cn(
                "max-w-full truncate rounded-md border px-1.5 py-px font-mono text-[11px]",
                ignored.includes(d.key as (typeof ignored)[number])
                  ? "border-warning/40 bg-warning/10 text-warning"
                  : "border-ring/30 bg-ring/10 text-foreground",
              )}
            >
              {d.label}
            </span>
          ))
        )}
      </div>
      {ignored.length > 0 && (
        <p role="note" className="flex items-start gap-1.5 text-[11.5px] text-warning leading-snug">
          <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
          {ignoredWarning(`${providerName} ${modelId}`, ignored, probedAt)}
        </p>
      )}
    </header>
  );
});

export const CompareColumn = memo(function CompareColumn({
  ref,
  index,
  column,
  baseline,
  catalog,
  showProvider,
  canRemove,
  canDuplicate,
  paramsOpen,
  onToggleParams,
  onParamChange,
  onApplyParams,
  composerText,
  onSelectionChange,
  onDuplicate,
  onRemove,
  onContinue,
  onBusyChange,
  onResponseOk,
  blindLabel,
  outcomes,
  onTurnsChange,
  samples,
  onSamplesChange,
  sampling,
  onStopSamples,
}: {
  ref: Ref<ColumnHandle>;
  index: number;
  column: ColumnState;
  /** column 1, which the header compares against */
  baseline: ColumnState;
  catalog: Catalog;
  /** the columns use more than one provider: headers, chips and answers name it */
  showProvider: boolean;
  canRemove: boolean;
  canDuplicate: boolean;
  paramsOpen: boolean;
  onToggleParams: (id: string) => void;
  onParamChange: (id: string, field: ParamField, value: string, bad?: boolean) => void;
  onApplyParams: (id: string, params: GenerationParams) => void;
  /** the shared composer's text now, for View code */
  composerText: () => string;
  onSelectionChange: (id: string, sel: ModelSelection) => void;
  onDuplicate: (id: string) => void;
  onRemove: (id: string) => void;
  onContinue: (id: string) => void;
  onBusyChange: (id: string, busy: boolean) => void;
  onResponseOk: () => void;
  /** blind A/B: the neutral name shown instead of "Column n", and nothing that shows the settings */
  blindLabel?: string;
  /** blind A/B: how answers (by message id) fared in the votes */
  outcomes?: ReadonlyMap<string, AnswerOutcome>;
  /** the column's messages and their answers changed (for the blind vote panel) */
  onTurnsChange?: (id: string, turns: VoteTurn[]) => void;
  /** how many answers a message gets in this column */
  samples: number;
  onSamplesChange: (id: string, samples: number) => void;
  /** set while the column draws the samples of the last message */
  sampling?: SamplingProgress;
  /** stop drawing this column's remaining samples */
  onStopSamples?: (id: string) => void;
}) {
  const blind = blindLabel !== undefined;
  const { id, settings, blockedReason } = column;
  const [loadedIds] = useState(() => new Set(column.initialMessages.map((m) => m.id)));
  // The sample waiting for its turn to end (one at a time: a column's turns never overlap).
  const pendingSample = useRef<((outcome: SampleOutcome) => void) | null>(null);
  const settleSample = (outcome: SampleOutcome) => {
    const resolve = pendingSample.current;
    pendingSample.current = null;
    resolve?.(outcome);
  };
  const {
    messages,
    status,
    busy,
    start,
    stop,
    selectVersion,
    deleteVersion,
    requestError,
    setRequestError,
    latestMessages,
  } = useChatSession(
    id,
    column.initialMessages,
    {
      onResponseOk,
      onRefused: (_action, response) => {
        if (!pendingSample.current) return;
        // The server's limit of answers at once: not a failure of this sample, which is tried again.
        if (response?.status === 429) {
          setRequestError(null);
          settleSample({ kind: "busy", retryAfterMs: retryAfterMs(response.retryAfter) });
        } else settleSample({ kind: "error" });
      },
      onSettled: (answer) => {
        const status = answer?.metadata?.status;
        settleSample({
          kind: !answer || status === "error" ? "error" : status === "stopped" ? "stopped" : "done",
        });
      },
    },
    STREAM_THROTTLE_MS,
  );
  // A column without history opens at its parameters; one with history at its latest answer.
  const { scrollRef, contentRef, farFromBottom, scrollToBottom } = useStickToBottom(
    column.initialMessages.length > 0,
  );
  const [sentAt, setSentAt] = useState<number | undefined>(undefined);

  const latestSettings = useRef(settings);
  useEffect(() => {
    latestSettings.current = settings;
  });

  const run = useCallback(
    (action: Parameters<typeof start>[0]) => {
      const s = latestSettings.current;
      if (!s) return;
      setSentAt(Date.now());
      scrollToBottom();
      start(action, { providerId: s.providerId, modelId: s.modelId, params: s.params });
    },
    [start, scrollToBottom],
  );

  useImperativeHandle(
    ref,
    () => ({
      submit: (text) => run({ kind: "submit", text }),
      sample: (action) =>
        new Promise<SampleOutcome>((resolve) => {
          pendingSample.current?.({ kind: "stopped" });
          // Settings made invalid meanwhile: nothing can be sent.
          if (!latestSettings.current) return resolve({ kind: "error" });
          pendingSample.current = resolve;
          run(action);
        }),
      stop: () => void stop(),
      latestAnswer: () => latestMessages.current.findLast((m) => m.role === "assistant"),
      messageCount: () => latestMessages.current.length,
    }),
    [run, stop, latestMessages],
  );

  useEffect(() => onBusyChange(id, busy), [id, busy, onBusyChange]);

  const onRegenerate = useCallback(() => {
    if (!busy) run({ kind: "regenerate" });
  }, [busy, run]);

  const drawing = sampling !== undefined;
  const lastMessageId = messages.at(-1)?.id;
  const messageActions = useMemo<MessageActions>(
    () => ({
      // Between two samples no turn runs, but Regenerate, Edit and the versions wait for the run to end.
      busy: busy || drawing || Boolean(blockedReason),
      canSend: false, // a column's user messages are shared: they are not edited here
      lastMessageId,
      retryable: !requestError,
      onRegenerate,
      onEdit: noop,
      // A regenerated last answer's versions; earlier ones would put the column out of step with the others.
      onSelectVersion: selectVersion,
      onDeleteVersion: deleteVersion,
      versionsOfLastOnly: true,
      blind,
    }),
    [
      busy,
      drawing,
      blockedReason,
      lastMessageId,
      requestError,
      onRegenerate,
      selectVersion,
      deleteVersion,
      blind,
    ],
  );

  const providerName = useCallback(
    (providerId: string) => catalog.providers.find((p) => p.id === providerId)?.name ?? providerId,
    [catalog],
  );
  const renderFooter = useCallback(
    (message: ChatUIMessage, active: boolean) => (
      <AnswerMetrics
        message={message}
        active={active}
        sentAt={active ? sentAt : undefined}
        providerName={
          showProvider && message.metadata?.providerId ? providerName(message.metadata.providerId) : undefined
        }
        blind={blind}
        outcome={outcomes?.get(message.id)}
      />
    ),
    [sentAt, showProvider, providerName, blind, outcomes],
  );

  // Only when a message is added or an answer finishes, not with every streamed chunk.
  const turnsKey = JSON.stringify(voteTurns(messages, busy));
  useEffect(() => onTurnsChange?.(id, JSON.parse(turnsKey) as VoteTurn[]), [id, turnsKey, onTurnsChange]);

  const differences = useMemo(
    () =>
      index === 0 || !settings || !baseline.settings
        ? []
        : describeDifferences(baseline.settings, settings, providerName),
    [index, settings, baseline.settings, providerName],
  );
  const ignored = useMemo(() => ignoredVariations(differences, column.limits), [differences, column.limits]);
  const provider = catalog.providers.find((p) => p.id === column.selection.providerId);
  const paramsId = `col-${id}-params`;
  // Not `busy`: a send waiting for the chat runtime's download is busy before its message is added, while
  // the last message is still the previous answer, which would be taken for the one streaming.
  const responding = status === "submitted" || status === "streaming";
  const last = messages.at(-1);
  const waitingForFirstChunk = status === "submitted" && last?.role === "user";
  const unanswered = !busy && !requestError && last?.role === "user";
  // What the model got when a prompt went together with unanswered ones, and a word before that happens.
  const turns = useMemo(() => historyTurns(messages), [messages]);
  const merged = useMemo(() => mergedPrompts(turns), [turns]);
  const mergeAhead = !busy && endsUnanswered(turns);
  // The last answer's samples (its versions), read again when one is added or finishes.
  const lastAnswer = last?.role === "assistant" && !busy && !sampling ? last : undefined;
  const summarySamples = useAnswerSamples(
    id,
    lastAnswer?.metadata?.versions ? lastAnswer.id : undefined,
    `${lastAnswer?.id}:${lastAnswer?.metadata?.versions?.length}:${lastAnswer?.metadata?.status}`,
  );

  return (
    <section
      aria-label={blindLabel ?? `Column ${index + 1}`}
      className="flex h-full w-[86vw] max-w-[28rem] shrink-0 snap-start flex-col border-r bg-background contain-content last:border-r-0 sm:w-[22rem] md:w-auto md:max-w-none md:min-w-[19rem] md:flex-1 md:basis-0"
    >
      {blind ? (
        <BlindHeader label={blindLabel} />
      ) : (
        <ColumnHeader
          id={id}
          index={index}
          modelId={column.selection.modelId}
          providerName={provider?.name ?? column.selection.providerId}
          showProvider={showProvider}
          paramsId={paramsId}
          paramsOpen={paramsOpen}
          canDuplicate={canDuplicate}
          canRemove={canRemove}
          busy={busy || drawing}
          differences={differences}
          ignored={ignored}
          probedAt={column.limits.probedAt}
          onToggleParams={onToggleParams}
          onDuplicate={onDuplicate}
          onContinue={onContinue}
          onRemove={onRemove}
        />
      )}

      <div className="relative min-h-0 flex-1">
        <div ref={scrollRef} className="h-full overflow-y-auto overscroll-contain">
          <div ref={contentRef}>
            {!blind && (
              <ColumnParams
                column={column}
                catalog={catalog}
                open={paramsOpen}
                onParamChange={onParamChange}
                onApplyParams={onApplyParams}
                onSelectionChange={onSelectionChange}
                composerText={composerText}
                samples={samples}
                onSamplesChange={onSamplesChange}
              />
            )}
            <div className="flex flex-col gap-5 px-3 pt-4 pb-6">
              {messages.length === 0 && !waitingForFirstChunk && (
                <p className="py-6 text-center text-muted-foreground text-xs">No messages yet.</p>
              )}
              <MessageActionsProvider value={messageActions}>
                {messages.map((m, i) =>
                  m.role === "user" ? (
                    <UserMessage key={m.id} message={m} editable={false} sentAs={merged.get(i)?.content} />
                  ) : (
                    <AssistantMessage
                      key={m.id}
                      message={m}
                      catalog={catalog}
                      active={responding && i === messages.length - 1}
                      loaded={loadedIds.has(m.id)}
                      renderFooter={renderFooter}
                    />
                  ),
                )}
              </MessageActionsProvider>
              {waitingForFirstChunk && (
                <p role="status" className="animate-pulse text-muted-foreground text-sm">
                  {blind ? "Waiting for the answer…" : `Waiting for ${column.selection.modelId}…`}
                </p>
              )}
              {unanswered && <UnansweredNotice disabled={Boolean(blockedReason)} onRetry={onRegenerate} />}
              {summarySamples && summarySamples.length > 1 && <SampleSummary samples={summarySamples} />}
              {mergeAhead && !requestError && <MergeAheadNotice />}
            </div>
          </div>
        </div>
        {farFromBottom && <ScrollToLatestButton onClick={() => scrollToBottom("smooth")} />}
      </div>

      {(busy || sampling || requestError || blockedReason) && (
        <footer className="grid gap-2 border-t px-3 py-2">
          {requestError && (
            <RequestErrorBanner
              compact
              error={requestError}
              retryDisabled={busy || Boolean(blockedReason)}
              onRetry={() => run(requestError.action)}
              onDismiss={() => setRequestError(null)}
            />
          )}
          {blockedReason && !busy && (
            <p className="text-destructive text-xs">
              {blind ? "This column's settings are invalid: Reveal to fix them" : blockedReason}
            </p>
          )}
          {(busy || sampling) && (
            <div className="flex items-center gap-2">
              <span role="status" className="flex-1 text-muted-foreground text-xs">
                {sampling && `Sample ${sampling.current} of ${sampling.total} · `}
                {sampling?.waiting
                  ? "the server is busy: trying again shortly…"
                  : status === "submitted" || !busy
                    ? "Sending…"
                    : "Streaming…"}
              </span>
              <Button
                size="xs"
                variant="outline"
                onClick={() => {
                  onStopSamples?.(id);
                  void stop();
                }}
              >
                <Square className="size-2.5 fill-current" />
                Stop
              </Button>
            </div>
          )}
        </footer>
      )}
    </section>
  );
});
