"use client";

import { Pencil } from "lucide-react";
import { memo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import type { ChatUIMessage } from "@/lib/chat/types";
import { CopyButton } from "./copy-button";
import { messageText } from "./message-parts";
import { countRender } from "./render-probe";

export const UserMessage = memo(function UserMessage({
  message,
  busy,
  canSend,
  onEdit,
  editable = true,
}: {
  message: ChatUIMessage;
  busy: boolean;
  /** false while the parameters are invalid */
  canSend: boolean;
  onEdit: (messageId: string, text: string) => void;
  /** offer Edit (a comparison's columns share their user messages, so they do not) */
  editable?: boolean;
}) {
  if (process.env.NEXT_PUBLIC_RENDER_PROBE === "1") countRender(message.id);
  const text = messageText(message);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);

  const save = () => {
    if (!draft.trim() || busy || !canSend) return;
    setEditing(false);
    onEdit(message.id, draft);
  };

  return (
    <article aria-label="User message" className="group/msg flex min-w-0 flex-col items-end">
      {editing ? (
        <div className="grid w-full gap-2 rounded-2xl border bg-muted/40 p-2">
          <Textarea
            aria-label="Edit message"
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setEditing(false);
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                save();
              }
            }}
            className="max-h-80 min-h-20 resize-none border-0 bg-transparent text-[15px] shadow-none focus-visible:ring-0 dark:bg-transparent"
          />
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button size="sm" disabled={!draft.trim() || busy || !canSend} onClick={save}>
              Save &amp; send
            </Button>
          </div>
        </div>
      ) : (
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-muted px-3.5 py-2 text-[15px] leading-relaxed">
          {text}
        </div>
      )}
      {!editing && (
        <div className="mt-1 -mr-1.5 flex items-center gap-0.5 transition-opacity [@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/msg:opacity-100 [@media(hover:hover)]:group-hover/msg:opacity-100">
          <CopyButton text={text} />
          {editable && (
            <Tooltip content="Edit">
              <Button
                variant="ghost"
                size="icon-xs"
                aria-label="Edit"
                className="text-muted-foreground hover:text-foreground"
                disabled={busy}
                onClick={() => {
                  setDraft(text);
                  setEditing(true);
                }}
              >
                <Pencil />
              </Button>
            </Tooltip>
          )}
        </div>
      )}
    </article>
  );
});
