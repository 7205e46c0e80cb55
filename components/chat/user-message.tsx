"use client";

import { memo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { ChatUIMessage } from "@/lib/chat/types";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";
import { EditButton, useMessageActions } from "./message-actions";
import { messageText } from "./message-parts";
import { countRender } from "./render-probe";
import { VersionNav } from "./version-nav";

export const UserMessage = memo(function UserMessage({
  message,
  editable = true,
  sentAs,
}: {
  message: ChatUIMessage;
  /** offer Edit (a comparison's columns share their user messages, so they do not) */
  editable?: boolean;
  /**
   * what the model received for this message, when it went together with earlier ones left unanswered
   * (lib/chat/history.ts mergedPrompts)
   */
  sentAs?: string;
}) {
  if (process.env.NEXT_PUBLIC_RENDER_PROBE === "1") countRender(message.id);
  const text = messageText(message);
  const [editing, setEditing] = useState(false);

  return (
    <article
      aria-label="User message"
      data-message-id={message.id}
      className="group/msg flex min-w-0 flex-col items-end"
    >
      {editing ? (
        <MessageEditor messageId={message.id} text={text} onClose={() => setEditing(false)} />
      ) : (
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-muted px-3.5 py-2 text-[15px] leading-relaxed">
          {text}
        </div>
      )}
      {sentAs !== undefined && !editing && (
        <details className="mt-1 max-w-[85%] text-muted-foreground text-xs">
          <summary className="cursor-pointer select-none text-right">
            Sent together with the unanswered message above
          </summary>
          <div className="mt-1 rounded-lg border border-dashed p-2">
            <div className="mb-1 font-medium">What the model received, as one message:</div>
            <div className="whitespace-pre-wrap break-words text-foreground/80">{sentAs}</div>
          </div>
        </details>
      )}
      {!editing && (
        <div
          className={cn(
            "mt-1 -mr-1.5 flex items-center gap-0.5 transition-opacity",
            // Versions stay in sight: they say this message has others.
            (message.metadata?.versions?.length ?? 0) < 2 &&
              "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/msg:opacity-100 [@media(hover:hover)]:group-hover/msg:opacity-100",
          )}
        >
          <UserVersionNav messageId={message.id} versions={message.metadata?.versions} />
          <CopyButton text={text} />
          {editable && <EditButton onClick={() => setEditing(true)} />}
        </div>
      )}
    </article>
  );
});

function UserVersionNav({ messageId, versions }: { messageId: string; versions: string[] | undefined }) {
  const { busy, onSelectVersion, onDeleteVersion, versionsOfLastOnly } = useMessageActions();
  if (versionsOfLastOnly) return null;
  return (
    <VersionNav
      messageId={messageId}
      versions={versions}
      busy={busy}
      onSelectVersion={onSelectVersion}
      onDeleteVersion={onDeleteVersion}
    />
  );
}

function MessageEditor({
  messageId,
  text,
  onClose,
}: {
  messageId: string;
  text: string;
  onClose: () => void;
}) {
  const { busy, canSend, onEdit } = useMessageActions();
  const [draft, setDraft] = useState(text);

  const save = () => {
    if (!draft.trim() || busy || !canSend) return;
    onClose();
    onEdit(messageId, draft);
  };

  return (
    <div className="grid w-full gap-2 rounded-2xl border bg-muted/40 p-2">
      <Textarea
        aria-label="Edit message"
        value={draft}
        autoFocus
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
        }}
        className="max-h-80 min-h-20 resize-none border-0 bg-transparent text-[15px] shadow-none focus-visible:ring-0 dark:bg-transparent"
      />
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button size="sm" disabled={!draft.trim() || busy || !canSend} onClick={save}>
          Save &amp; send
        </Button>
      </div>
    </div>
  );
}
