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

interface Deletable {
  id: string;
  title: string;
}

/** Asks before deleting a conversation or a comparison (with all its columns). */
export function DeleteConversationDialog<T extends Deletable>({
  conversation,
  kind = "conversation",
  onConfirm,
  onOpenChange,
}: {
  conversation: T | null;
  kind?: "conversation" | "comparison";
  onConfirm: (c: T) => Promise<void>;
  onOpenChange: (open: boolean) => void;
}) {
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={conversation !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <div className="grid gap-1.5">
          <DialogTitle>Delete this {kind}?</DialogTitle>
          <DialogDescription>
            “{conversation?.title}”{" "}
            {kind === "comparison" ? "with all its columns and their messages" : "and all its messages"} will
            be removed. This cannot be undone.
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
