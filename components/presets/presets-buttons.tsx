"use client";

import { Bookmark, BookmarkPlus, ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";

// The triggers of the presets menu and the Save preset dialog, shown before their code has downloaded
// (lazy-presets.tsx) and after.

export function PresetsMenuButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="outline" size="xs" {...props}>
      <Bookmark />
      Presets
      <ChevronDown className="text-muted-foreground" />
    </Button>
  );
}

export function SavePresetTrigger(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="outline" size="xs" {...props}>
      <BookmarkPlus />
      Save preset
    </Button>
  );
}

/** Save preset while the parameters are invalid: disabled, and the tooltip says why. */
export function SavePresetDisabled({ reason }: { reason: string }) {
  return (
    <Tooltip content={reason}>
      {/* a disabled button gets no pointer events: the wrapper shows why */}
      <span tabIndex={-1}>
        <SavePresetTrigger disabled />
      </span>
    </Tooltip>
  );
}
