"use client";

import { CircleAlert, TriangleAlert } from "lucide-react";
import { memo, type ReactNode } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Catalog } from "@/lib/ai/models";
import type { ChatUIMessage, MessageMetadata } from "@/lib/chat/types";
import { describeParams } from "@/lib/params";
import { describeTimings, describeUsage, reasoningDuration } from "./format";
import { Markdown } from "./lazy-markdown";
import { AnswerActions, RetryButton } from "./message-actions";
import { isReasoningStreaming, messageReasoning, messageText } from "./message-parts";
import { ReasoningBlock } from "./reasoning-block";
import { countRender } from "./render-probe";

const CONTENT_FILTER = new Set(["content_filter", "content-filter"]);

function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="mt-3 flex items-start gap-2 rounded-lg border border-warning/35 bg-warning/5 px-3 py-2 text-[13px]">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
      <div>{children}</div>
    </div>
  );
}

function Footer({
  meta,
  providerName,
  answer,
}: {
  meta: MessageMetadata;
  providerName?: string;
  answer: string;
}) {
  const lengthCut = meta.status === "length" || meta.finishReason === "length";
  const head = [providerName, meta.modelId, ...(meta.params ? describeParams(meta.params) : [])].filter(
    Boolean,
  );
  const stats = [...describeUsage(meta.usage), ...describeTimings(meta.timings)];
  if (meta.finishReason) stats.push(`finish: ${meta.finishReason}`);
  return (
    <div className="mt-1 grid gap-0.5 text-[11px] text-muted-foreground leading-relaxed">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {meta.status === "stopped" && <StatusBadge tone="muted">Stopped</StatusBadge>}
        {lengthCut && answer !== "" && <StatusBadge tone="warning">Cut by max tokens</StatusBadge>}
        {head.length > 0 && (
          <span
            className="min-w-0 break-words"
            title={meta.paramsSent ? `Sent to the provider: ${JSON.stringify(meta.paramsSent)}` : undefined}
          >
            {head.join(" · ")}
          </span>
        )}
      </div>
      {stats.length > 0 && (
        <div className="break-words font-mono text-[10.5px] tabular-nums">{stats.join(" · ")}</div>
      )}
    </div>
  );
}

export const AssistantMessage = memo(function AssistantMessage({
  message,
  catalog,
  active,
  loaded,
  renderFooter,
}: {
  message: ChatUIMessage;
  catalog: Catalog;
  /** this message is the one streaming right now */
  active: boolean;
  /** loaded with the page rather than streamed in this tab */
  loaded: boolean;
  /** replaces the default footer (model, parameters, usage, timings); keep it stable to keep the memo */
  renderFooter?: (message: ChatUIMessage, active: boolean) => ReactNode;
}) {
  if (process.env.NEXT_PUBLIC_RENDER_PROBE === "1") countRender(message.id);
  const meta: MessageMetadata = message.metadata ?? { createdAt: 0 };
  const text = messageText(message);
  const reasoning = messageReasoning(message);
  const reasoningStreaming = active && isReasoningStreaming(message);
  const providerName = catalog.providers.find((p) => p.id === meta.providerId)?.name ?? meta.providerId;
  const lengthCut = meta.status === "length" || meta.finishReason === "length";
  const interrupted = meta.status === "streaming" && loaded;

  return (
    <article
      aria-label="Assistant message"
      data-message-id={message.id}
      className="group/msg min-w-0"
      aria-busy={active || undefined}
    >
      {(reasoning || reasoningStreaming) && (
        <ReasoningBlock
          text={reasoning}
          streaming={reasoningStreaming}
          autoOpen={reasoningStreaming || (text === "" && meta.status === "stopped")}
          durationMs={reasoningDuration(meta.timings)}
        />
      )}
      {text !== "" && <Markdown text={text} streaming={active} className="text-[15px] leading-7" />}
      {active && text === "" && !reasoning && (
        <p className="animate-pulse text-muted-foreground text-sm">Waiting for the first token…</p>
      )}

      {meta.status === "error" && meta.error && (
        <div
          role="alert"
          className="mt-3 flex flex-wrap items-start gap-2 rounded-lg border border-destructive/35 bg-destructive/5 px-3 py-2 text-[13px]"
        >
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          <p className="min-w-0 flex-1 break-words">{meta.error.message}</p>
          <RetryButton messageId={message.id} />
        </div>
      )}
      {lengthCut && text === "" && meta.status !== "error" && (
        <Notice>Reasoning used the whole max_tokens budget — no answer. Raise Max tokens.</Notice>
      )}
      {meta.finishReason && CONTENT_FILTER.has(meta.finishReason) && (
        <Notice>The provider&apos;s content filter ended this answer ({meta.finishReason}).</Notice>
      )}
      {meta.finishReason === "insufficient_system_resource" && meta.status !== "error" && (
        <Notice>
          The provider ran out of capacity (insufficient_system_resource); the answer may be incomplete.
        </Notice>
      )}
      {interrupted && (
        <Notice>
          This answer was interrupted before it finished (the server stopped or is still writing it).
        </Notice>
      )}

      <div className="mt-2 grid gap-1">
        {!active && <AnswerActions messageId={message.id} text={text} versions={meta.versions} />}
        {renderFooter ? (
          renderFooter(message, active)
        ) : (
          <Footer meta={meta} providerName={providerName} answer={text} />
        )}
      </div>
    </article>
  );
});
