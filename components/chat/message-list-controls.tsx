"use client";

import { ArrowDown, CircleAlert, Loader2, X } from "lucide-react";
import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { useLoadWhenNear } from "@/components/use-load-when-near";
import { cn } from "@/lib/utils";
import type { RequestErrorInfo } from "./request-error";

/** Under a user message whose answer never got stored (e.g. the request failed before streaming). */
export function UnansweredNotice({ disabled, onRetry }: { disabled: boolean; onRetry: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
      No answer was stored for this message.
      <Button size="xs" variant="outline" disabled={disabled} onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}

/**
 * Above the composer when the conversation ends without an answer: the provider takes no two prompts in a
 * row, so the next message goes to the model together with the unanswered one. Said before, not after.
 */
export function MergeAheadNotice() {
  return (
    <p className="mb-2 flex items-start gap-1.5 text-muted-foreground text-xs">
      <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden />
      The last message got no answer. What you send now reaches the model together with it, as one message
      (providers take no two prompts in a row) — or retry it first.
    </p>
  );
}

/**
 * Above the first message of a long conversation opened at its latest messages: loads the earlier ones when
 * scrolled near (a screen ahead), or on click.
 */
export function EarlierMessages({
  root,
  loaded,
  onLoad,
}: {
  root: RefObject<HTMLElement | null>;
  loaded: number;
  onLoad: () => Promise<void>;
}) {
  const { ref, loading, load } = useLoadWhenNear<HTMLButtonElement>({
    root,
    loaded,
    onLoad,
    rootMargin: "1000px 0px 0px 0px",
  });
  return (
    <Button
      ref={ref}
      variant="ghost"
      size="xs"
      disabled={loading}
      className="self-center text-muted-foreground"
      onClick={load}
    >
      {loading && <Loader2 aria-hidden className="animate-spin" />}
      Show earlier messages
    </Button>
  );
}

/** Shown when the reader scrolled away from a growing message list. */
export function ScrollToLatestButton({ onClick }: { onClick: () => void }) {
  return (
    <Button
      variant="outline"
      size="icon-sm"
      aria-label="Scroll to latest"
      className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
      onClick={onClick}
    >
      <ArrowDown />
    </Button>
  );
}

/** A request that failed before streaming (400 naming a field, 500, server unreachable), with Retry. */
export function RequestErrorBanner({
  error,
  retryDisabled,
  onRetry,
  onDismiss,
  compact = false,
}: {
  error: RequestErrorInfo;
  retryDisabled: boolean;
  onRetry: () => void;
  onDismiss: () => void;
  compact?: boolean;
}) {
  return (
    <div
      role="alert"
      className={cn(
        "flex items-start gap-2 border border-destructive/35 bg-destructive/5",
        compact ? "rounded-lg px-2.5 py-1.5 text-[12.5px]" : "mb-2 rounded-xl px-3 py-2 text-[13px]",
      )}
    >
      <CircleAlert
        aria-hidden
        className={cn("mt-0.5 shrink-0 text-destructive", compact ? "size-3.5" : "size-4")}
      />
      <p className="min-w-0 flex-1 break-words">
        {error.message}
        {error.field && !error.message.includes(error.field) && (
          <span className="text-muted-foreground"> (field: {error.field})</span>
        )}
      </p>
      <Button size="xs" variant="outline" disabled={retryDisabled} onClick={onRetry}>
        Retry
      </Button>
      <Button
        size="icon-xs"
        variant="ghost"
        aria-label="Dismiss"
        className={cn("-my-0.5 text-muted-foreground", compact && "size-6")}
        onClick={onDismiss}
      >
        <X />
      </Button>
    </div>
  );
}
