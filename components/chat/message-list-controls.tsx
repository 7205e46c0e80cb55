"use client";

import { ArrowDown } from "lucide-react";
import { Button } from "@/components/ui/button";

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
