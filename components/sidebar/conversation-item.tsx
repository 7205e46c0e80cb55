"use client";

import { Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { memo, type ReactNode, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { useMounted } from "@/components/use-mounted";
import { cn } from "@/lib/utils";

/**
 * A conversation (or comparison) of the sidebar: its link, with Rename and Delete. Memoized with handlers
 * that take the row, so a list of thousands re-renders only the rows whose data changed.
 */
export const ConversationItem = memo(ConversationRow) as typeof ConversationRow;

function ConversationRow<T extends { id: string; title: string }>({
  conversation,
  href = `/c/${conversation.id}`,
  titleLabel = "Conversation title",
  icon,
  active,
  onRename,
  onDelete,
}: {
  conversation: T;
  href?: string;
  /** name of the rename field */
  titleLabel?: string;
  icon?: ReactNode;
  active: boolean;
  onRename: (conversation: T, title: string) => Promise<void>;
  onDelete: (conversation: T) => void;
}) {
  const mounted = useMounted();
  const [editing, setEditing] = useState(false);
  // Enter, Escape and blur can all end one edit; only the first counts.
  const settled = useRef(false);

  const startEditing = () => {
    settled.current = false;
    setEditing(true);
  };

  const finish = async (value: string | null) => {
    if (settled.current) return;
    settled.current = true;
    setEditing(false);
    const title = value?.trim();
    if (title && title !== conversation.title) await onRename(conversation, title);
  };

  return (
    <li className="group/item relative">
      {editing ? (
        <input
          aria-label={titleLabel}
          defaultValue={conversation.title}
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this row
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => finish(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              e.currentTarget.blur();
            } else if (e.key === "Escape") {
              e.preventDefault();
              finish(null);
            }
          }}
          className="h-8 w-full rounded-md border border-ring bg-background px-2 text-sm outline-none ring-[3px] ring-ring/30"
        />
      ) : (
        <Link
          href={href}
          aria-current={active ? "page" : undefined}
          title={conversation.title}
          className={cn(
            "flex h-8 items-center gap-2 rounded-md px-2 text-[13px] leading-8 text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
            "pr-16 [@media(hover:hover)]:pr-2 [@media(hover:hover)]:group-focus-within/item:pr-16 [@media(hover:hover)]:group-hover/item:pr-16",
            active && "bg-sidebar-accent font-medium text-sidebar-foreground [@media(hover:hover)]:pr-16",
          )}
        >
          {icon}
          <span className="min-w-0 truncate">{conversation.title}</span>
        </Link>
      )}
      {/* The actions come with hydration (they need it to work): two buttons per row would make most of the
          sidebar's HTML in every page. */}
      {!editing && mounted && (
        <div
          className={cn(
            "absolute top-1/2 right-1 flex -translate-y-1/2 items-center transition-opacity",
            "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/item:opacity-100 [@media(hover:hover)]:group-hover/item:opacity-100",
            active && "[@media(hover:hover)]:opacity-100",
          )}
        >
          <Tooltip content="Rename">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Rename"
              className="text-muted-foreground hover:text-foreground"
              onClick={startEditing}
            >
              <Pencil />
            </Button>
          </Tooltip>
          <Tooltip content="Delete">
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="Delete"
              className="text-muted-foreground hover:text-destructive"
              onClick={() => onDelete(conversation)}
            >
              <Trash2 />
            </Button>
          </Tooltip>
        </div>
      )}
    </li>
  );
}
