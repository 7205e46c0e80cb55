"use client";

import { Trophy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { formatDuration } from "@/components/chat/format";
import { messageReasoning, messageText } from "@/components/chat/message-parts";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ChatUIMessage } from "@/lib/chat/types";
import { describeParams } from "@/lib/params";
import { cn } from "@/lib/utils";

const n = (v: number | undefined) => (v === undefined ? "—" : v.toLocaleString("en-US"));
const ms = (v: number | undefined) => (v === undefined ? "—" : formatDuration(v));

/** A rough count while streaming (the provider's exact usage arrives with the last chunk). */
const estimateTokens = (chars: number) => Math.round(chars / 4);

const HINTS: Record<string, string> = {
  "1st reason": "time to the first reasoning token",
  "1st answer": "time to the first answer token",
  reasoning: "reasoning tokens (part of completion)",
};

function Metric({ label, value, live }: { label: string; value: string; live?: boolean }) {
  return (
    <div className="min-w-0" title={HINTS[label]}>
      <dt className="truncate text-[10.5px] text-muted-foreground">{label}</dt>
      <dd className={cn("truncate font-mono text-[11.5px] tabular-nums", live && "text-muted-foreground")}>
        {value}
      </dd>
    </div>
  );
}

function Grid({ children }: { children: React.ReactNode }) {
  return (
    <dl className="grid grid-cols-4 gap-x-2 gap-y-1.5 rounded-lg border bg-muted/30 px-2.5 py-2">
      {children}
    </dl>
  );
}

/** Measured in the browser while the answer streams: timings from the send, tokens estimated. */
function LiveMetrics({ message, sentAt }: { message: ChatUIMessage; sentAt: number }) {
  const reasoningChars = messageReasoning(message).length;
  const answerChars = messageText(message).length;
  const firstReasoning = useRef<number | undefined>(undefined);
  const firstAnswer = useRef<number | undefined>(undefined);
  const [now, setNow] = useState(sentAt);

  useEffect(() => {
    if (reasoningChars > 0) firstReasoning.current ??= Date.now() - sentAt;
    if (answerChars > 0) firstAnswer.current ??= Date.now() - sentAt;
  }, [reasoningChars, answerChars, sentAt]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);

  const tokens = estimateTokens(reasoningChars + answerChars);
  const first = Math.min(firstReasoning.current ?? Infinity, firstAnswer.current ?? Infinity);
  const streamingMs = now - sentAt - first;
  const rate =
    Number.isFinite(first) && streamingMs > 300 ? Math.round(tokens / (streamingMs / 1000)) : undefined;
  return (
    <Grid>
      <Metric label="1st reason" value={ms(firstReasoning.current)} />
      <Metric label="1st answer" value={ms(firstAnswer.current)} />
      <Metric label="elapsed" value={formatDuration(Math.max(0, now - sentAt))} live />
      <Metric label="tok/s" value={rate === undefined ? "—" : `~${rate}`} live />
      <Metric label="reasoning" value={`~${n(estimateTokens(reasoningChars))}`} live />
      <Metric label="answer" value={`~${n(estimateTokens(answerChars))}`} live />
      <Metric label="completion" value={`~${n(tokens)}`} live />
      <Metric label="finish" value="streaming" live />
    </Grid>
  );
}

/** How an answer fared in a blind vote: the user's pick while blind; won, lost or tied once revealed. */
export type AnswerOutcome = "picked" | "won" | "lost" | "tie";

const OUTCOME_LABELS: Record<Exclude<AnswerOutcome, "lost">, string> = {
  picked: "Your pick",
  won: "Better answer",
  tie: "Tie",
};

/**
 * The footer of an answer in a comparison column: what it was generated with and what it cost, laid
 * out as a grid so that columns can be read across. Live (estimated) while the answer streams.
 */
export function AnswerMetrics({
  message,
  active,
  sentAt,
  providerName,
  blind = false,
  outcome,
}: {
  message: ChatUIMessage;
  active: boolean;
  /** blind A/B: nothing that names the model or the parameters */
  blind?: boolean;
  outcome?: AnswerOutcome;
  /** when this column sent the request, for the live figures */
  sentAt?: number;
  /** named (with the model) when the comparison's columns use more than one provider */
  providerName?: string;
}) {
  const meta = message.metadata ?? { createdAt: 0 };
  const text = messageText(message);
  const lengthCut = meta.status === "length" || meta.finishReason === "length";
  const params = blind
    ? []
    : [
        ...(providerName && meta.modelId ? [`${providerName} · ${meta.modelId}`] : []),
        ...(meta.params ? describeParams(meta.params) : []),
      ];
  const u = meta.usage;
  const t = meta.timings;
  const done = !active || meta.status !== "streaming";
  return (
    <div className="mt-1 grid gap-1.5 text-[11px] text-muted-foreground">
      {outcome && outcome !== "lost" && (
        <p
          className={cn(
            "inline-flex w-fit items-center gap-1 rounded-md border px-1.5 py-px font-medium text-[11px]",
            outcome === "won"
              ? "border-warning/50 bg-warning/10 text-foreground"
              : "bg-muted text-foreground",
          )}
        >
          {outcome === "won" && <Trophy aria-hidden className="size-3 text-warning" />}
          {OUTCOME_LABELS[outcome]}
        </p>
      )}
      {(meta.status === "stopped" || (lengthCut && text !== "") || params.length > 0) && (
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {meta.status === "stopped" && <StatusBadge tone="muted">Stopped</StatusBadge>}
          {lengthCut && text !== "" && <StatusBadge tone="warning">Cut by max tokens</StatusBadge>}
          {params.length > 0 && (
            <span
              className="min-w-0 break-words"
              title={meta.paramsSent ? `Sent to the provider: ${JSON.stringify(meta.paramsSent)}` : undefined}
            >
              {params.join(" · ")}
            </span>
          )}
        </div>
      )}
      {!done && sentAt !== undefined ? (
        <LiveMetrics message={message} sentAt={sentAt} />
      ) : (
        (u || t || meta.finishReason) && (
          <Grid>
            <Metric label="1st reason" value={ms(t?.firstReasoningMs)} />
            <Metric label="1st answer" value={ms(t?.firstAnswerMs)} />
            <Metric label="total" value={ms(t?.totalMs)} />
            <Metric label="tok/s" value={n(t?.tokensPerSecond)} />
            <Metric label="prompt" value={n(u?.promptTokens)} />
            <Metric label="completion" value={n(u?.completionTokens)} />
            <Metric label="reasoning" value={n(u?.reasoningTokens)} />
            <Metric label="finish" value={meta.finishReason ?? "—"} />
          </Grid>
        )
      )}
    </div>
  );
}
