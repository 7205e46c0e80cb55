"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";

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
  return (
    <ConfirmDialog
      open={conversation !== null}
      onOpenChange={onOpenChange}
      title={`Delete this ${kind}?`}
      description={
        <>
          “{conversation?.title}”{" "}
          {kind === "comparison" ? "with all its columns and their messages" : "and all its messages"} will be
          removed. This cannot be undone.
        </>
      }
      onConfirm={async () => {
        if (conversation) await onConfirm(conversation);
      }}
    />
  );
}
