"use client";

import { ArrowUp, Square } from "lucide-react";
import { memo, type ReactNode, useEffect, useRef } from "react";
import { isEditLastKey } from "@/components/shortcuts/shortcuts";
import { COMPOSER_ID } from "@/components/shortcuts/skip-to-composer";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

/** Memoized: the page re-renders with every streamed update, the composer only when its own props change. */
export const Composer = memo(function Composer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  blockedReason,
  footer,
  stopLabel = "Stop",
  onEditLast,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** a request is in flight: Send is replaced by Stop */
  busy: boolean;
  /** why sending is refused right now (invalid parameters, unavailable model), if it is */
  blockedReason?: string;
  footer?: ReactNode;
  /** name of the button that replaces Send while busy */
  stopLabel?: string;
  /** ↑ in the empty box: edit the last message (where messages can be edited) */
  onEditLast?: () => void;
}) {
  const empty = value.trim() === "";
  const textarea = useRef<HTMLTextAreaElement>(null);

  // Focus on desktop only: on phones it would pop the keyboard over the conversation.
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches) textarea.current?.focus();
  }, []);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || blockedReason) return;
        if (empty) textarea.current?.focus();
        else onSend();
      }}
      className="rounded-2xl border bg-background shadow-sm transition-[border-color,box-shadow] focus-within:border-ring/60 focus-within:ring-[3px] focus-within:ring-ring/20 dark:bg-card"
    >
      <textarea
        ref={textarea}
        id={COMPOSER_ID}
        aria-label="Message"
        rows={1}
        value={value}
        placeholder="Ask anything"
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (onEditLast && isEditLastKey(e.nativeEvent, value)) {
            e.preventDefault();
            onEditLast();
            return;
          }
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
        className="block field-sizing-content max-h-[40vh] min-h-12 w-full resize-none bg-transparent px-4 pt-3 pb-1 text-[15px] leading-6 outline-none placeholder:text-muted-foreground"
      />
      <div className="flex items-center gap-2 px-2.5 pb-2.5">
        <div className="min-w-0 flex-1 truncate pl-1.5 text-muted-foreground text-xs">{footer}</div>
        {busy ? (
          <Tooltip content="Stop generating">
            <Button
              type="button"
              size="icon-sm"
              className="rounded-full"
              aria-label={stopLabel}
              onClick={onStop}
            >
              <Square className="size-3 fill-current" />
            </Button>
          </Tooltip>
        ) : (
          <Tooltip content={blockedReason ?? "Send (Enter) · new line (Shift+Enter)"}>
            <span className="inline-flex">
              <Button
                type="submit"
                size="icon-sm"
                className={cn("rounded-full", empty && !blockedReason && "opacity-40")}
                aria-label="Send"
                disabled={Boolean(blockedReason)}
              >
                <ArrowUp />
              </Button>
            </span>
          </Tooltip>
        )}
      </div>
    </form>
  );
});
