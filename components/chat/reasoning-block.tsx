"use client";

import { Brain, ChevronRight } from "lucide-react";
import { memo, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { formatDuration } from "./format";
import { Markdown } from "./lazy-markdown";
import { useStickToBottom } from "./use-stick-to-bottom";

/**
 * The model's reasoning, open while it streams and collapsed once the answer starts (unless the
 * user toggles it). `autoOpen` is the state it should have when the user has not chosen.
 */
export const ReasoningBlock = memo(function ReasoningBlock({
  text,
  streaming,
  autoOpen,
  durationMs,
}: {
  text: string;
  streaming: boolean;
  autoOpen: boolean;
  durationMs?: number;
}) {
  const id = useId();
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const [prevAutoOpen, setPrevAutoOpen] = useState(autoOpen);
  if (prevAutoOpen !== autoOpen) {
    // The answer started (or the stream ended): fall back to the automatic state.
    setPrevAutoOpen(autoOpen);
    setUserOpen(null);
  }
  const open = userOpen ?? autoOpen;
  // Rendered the first time it opens, then only hidden when it closes: unmounting (or display: none,
  // which tears down their layout) tens of thousands of nodes of a long reasoning as the answer starts
  // blocks the page; content-visibility: hidden keeps them laid out and skips them, and inert takes them
  // out of reach like display: none would.
  const [rendered, setRendered] = useState(open);
  if (open && !rendered) setRendered(true);

  // Measured here for answers streamed in this session, until the server's timings arrive.
  const startedAt = useRef<number | null>(null);
  const [elapsed, setElapsed] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!streaming) {
      if (startedAt.current !== null) setElapsed(Date.now() - startedAt.current);
      return;
    }
    startedAt.current ??= Date.now();
    const tick = () => setElapsed(Date.now() - (startedAt.current ?? Date.now()));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [streaming]);

  const shownDuration = durationMs ?? elapsed;
  const label = streaming
    ? `Reasoning…${elapsed !== undefined && elapsed >= 1000 ? ` ${Math.floor(elapsed / 1000)}s` : ""}`
    : shownDuration !== undefined
      ? `Reasoning · ${formatDuration(shownDuration)}`
      : "Reasoning";

  return (
    <div className="mb-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setUserOpen(!open)}
        className="group/reasoning -ml-1.5 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-muted-foreground text-xs outline-none transition-colors hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <Brain aria-hidden className={cn("size-3.5", streaming && "animate-pulse text-foreground")} />
        <span className={cn("font-medium", streaming && "text-foreground")}>{label}</span>
        <ChevronRight aria-hidden className={cn("size-3.5 transition-transform", open && "rotate-90")} />
      </button>
      {rendered && (
        <ReasoningViewport id={id} open={open} streaming={streaming}>
          {text ? (
            <Markdown text={text} streaming={streaming} className="space-y-2" />
          ) : (
            <p className="italic">No reasoning text.</p>
          )}
        </ReasoningViewport>
      )}
    </div>
  );
});

/**
 * While it streams, the reasoning shows in a capped viewport that follows its newest text, until the reader
 * scrolls up in it to read something earlier; scrolling back to the bottom follows again. (It follows after
 * layout, from a resize observer, so an update costs no extra forced layout.)
 */
function ReasoningViewport({
  id,
  open,
  streaming,
  children,
}: {
  id: string;
  open: boolean;
  streaming: boolean;
  children: ReactNode;
}) {
  const { scrollRef, contentRef } = useStickToBottom();
  return (
    <div
      id={id}
      inert={!open}
      ref={scrollRef}
      className={cn(
        "border-muted-foreground/25 text-[13px] text-muted-foreground leading-relaxed",
        open ? "mt-1.5 border-l-2 pl-3" : "h-0 [content-visibility:hidden]",
        streaming && "max-h-72 overflow-y-auto",
      )}
    >
      <div ref={contentRef}>{children}</div>
    </div>
  );
}
