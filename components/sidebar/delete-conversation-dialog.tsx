"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ConversationSummary } from "@/lib/chat/types";

export function DeleteConversationDialog({
  conversation,
  onConfirm,
  onOpenChange,
}: {
  conversation: ConversationSummary | null;
  onConfirm: (c: ConversationSummary) => Promise<void>;
  onOpenChange: (open: boolean) => void;
}) {
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={conversation !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <div className="grid gap-1.5">
          <DialogTitle>Delete this conversation?</DialogTitle>
          <DialogDescription>
            “{conversation?.title}” and all its messages will be removed. This cannot be undone.
          </DialogDescription>
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" size="sm">
              Cancel
            </Button>
          </DialogClose>
          <Button
            variant="destructive"
            size="sm"
            disabled={pending}
            onClick={async () => {
              if (!conversation) return;
              setPending(true);
              try {
                await onConfirm(conversation);
              } finally {
                setPending(false);
              }
            }}
          >
            Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
