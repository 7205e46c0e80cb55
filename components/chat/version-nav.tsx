"use client";

import { ChevronLeft, ChevronRight, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Tooltip } from "@/components/ui/tooltip";

/**
 * "Previous version" / "Next version" with an "n/m" indicator, on a message that has several versions
 * (regenerated answers, edited prompts). Choosing one shows it and the branch that followed it. "Delete
 * version" removes the shown one (with what followed it) after asking: versions are never lost otherwise.
 */
export function VersionNav({
  messageId,
  versions,
  busy,
  onSelectVersion,
  onDeleteVersion,
}: {
  messageId: string;
  versions: string[] | undefined;
  busy: boolean;
  onSelectVersion: ((messageId: string, versionId: string) => void) | undefined;
  onDeleteVersion?: (messageId: string) => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!versions || versions.length < 2 || !onSelectVersion) return null;
  const index = versions.indexOf(messageId);
  if (index < 0) return null;
  const go = (to: number) => {
    const target = versions[to];
    if (target !== undefined) onSelectVersion(messageId, target);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons, not a form fieldset
    <div role="group" aria-label="Versions" className="flex items-center text-muted-foreground text-xs">
      <Button
        variant="ghost"
        size="icon-xs"
        aria-label="Previous version"
        disabled={busy || index === 0}
        onClick={() => go(index - 1)}
      >
        <ChevronLeft />
      </Button>
      <span className="min-w-7 text-center tabular-nums" aria-live="polite">
        {index + 1}/{versions.length}
      </span>
      <Button
        variant="ghost"
        size="icon-xs"
        aria-label="Next version"
        disabled={busy || index === versions.length - 1}
        onClick={() => go(index + 1)}
      >
        <ChevronRight />
      </Button>
      {onDeleteVersion && (
        <>
          <Tooltip content="Delete version">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Delete version"
              className="hover:text-destructive"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              <Trash2 />
            </Button>
          </Tooltip>
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            title="Delete this version?"
            description={`Version ${index + 1} of ${versions.length} and everything that followed it will be removed; the other versions stay. This cannot be undone.`}
            onConfirm={async () => {
              await onDeleteVersion(messageId);
              setConfirming(false);
            }}
          />
        </>
      )}
    </div>
  );
}
