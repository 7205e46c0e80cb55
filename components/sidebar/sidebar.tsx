"use client";

import { Columns3, SquarePen, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { SidebarShareEntries } from "@/components/share/sidebar-share-entries";
import { Button } from "@/components/ui/button";
import { DrawerBackdrop } from "@/components/ui/drawer-backdrop";
import { useDrawerFocus } from "@/components/ui/use-drawer-focus";
import { useMounted } from "@/components/use-mounted";
import type { ConversationSummary } from "@/lib/chat/types";
import type { ComparisonSummary } from "@/lib/compare/types";
import { cn } from "@/lib/utils";
import type { ListControls } from "./app-shell";
import { ConversationItem } from "./conversation-item";
import { DeleteConversationDialog } from "./delete-conversation-dialog";
import { groupByDate } from "./group-by-date";
import { LoadMore } from "./load-more";
import { SettingsLink } from "./settings-link";
import { SidebarSearchButton, SidebarShortcutsButton } from "./sidebar-commands";
import { SignOutButton } from "./sign-out-button";

type Kind = "conversation" | "comparison";

const COMPARISON_ICON = <Columns3 aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />;

const API_BASE: Record<Kind, string> = { conversation: "/api/conversations", comparison: "/api/comparisons" };

type Pending =
  | { kind: "conversation"; item: ConversationSummary }
  | { kind: "comparison"; item: ComparisonSummary };

export function Sidebar({
  conversations,
  onNewChat,
  comparisons,
  onNewComparison,
  open,
  onClose,
}: {
  conversations: ListControls<ConversationSummary>;
  onNewChat: () => void;
  comparisons: ListControls<ComparisonSummary>;
  onNewComparison: () => void;
  /** drawer state below the lg breakpoint; always shown above it */
  open: boolean;
  onClose: () => void;
}) {
  const pathname = usePathname();
  const mounted = useMounted();
  const drawer = useRef<HTMLElement>(null);
  const nav = useRef<HTMLElement>(null);
  useDrawerFocus(open, drawer);
  const [pendingDelete, setPendingDelete] = useState<Pending | null>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);

  // Rows are memoized and get these stable handlers, so a refresh after a send re-renders the rows that
  // changed, not every row loaded.
  const latest = useRef({ conversations, comparisons, pathname, onNewChat, onNewComparison });
  useEffect(() => {
    latest.current = { conversations, comparisons, pathname, onNewChat, onNewComparison };
  });

  const rename = useCallback(async (kind: Kind, c: { id: string; title: string }, title: string) => {
    const list = latest.current[kind === "conversation" ? "conversations" : "comparisons"];
    // The new title shows at once; a failure puts the server's back.
    list.patch(c.id, { title });
    const res = await fetch(`${API_BASE[kind]}/${encodeURIComponent(c.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title }),
    }).catch(() => null);
    if (!res?.ok) {
      toast.error(`Could not rename: ${res ? await failureMessage(res) : "server unreachable"}`);
      list.patch(c.id, { title: c.title });
    }
    await list.refresh();
  }, []);

  const remove = async (kind: Kind, c: { id: string }) => {
    const res = await fetch(`${API_BASE[kind]}/${encodeURIComponent(c.id)}`, { method: "DELETE" }).catch(
      () => null,
    );
    if (!res?.ok && res?.status !== 404) {
      toast.error(`Could not delete: ${res ? await failureMessage(res) : "server unreachable"}`);
      return;
    }
    setPendingDelete(null);
    const { pathname: current, onNewChat: newChat, onNewComparison: newComparison } = latest.current;
    if (kind === "conversation") {
      toast.success("Conversation deleted");
      if (current === `/c/${c.id}`) newChat();
      conversations.remove(c.id);
      await conversations.refresh();
    } else {
      toast.success("Comparison deleted");
      if (current === `/compare/${c.id}`) newComparison();
      comparisons.remove(c.id);
      await comparisons.refresh();
    }
  };

  const renameConversation = useCallback(
    (c: ConversationSummary, title: string) => rename("conversation", c, title),
    [rename],
  );
  const renameComparison = useCallback(
    (c: ComparisonSummary, title: string) => rename("comparison", c, title),
    [rename],
  );
  const deleteConversation = useCallback(
    (c: ConversationSummary) => setPendingDelete({ kind: "conversation", item: c }),
    [],
  );
  const deleteComparison = useCallback(
    (c: ComparisonSummary) => setPendingDelete({ kind: "comparison", item: c }),
    [],
  );

  const shownComparisons = comparisons.items;
  const shown = conversations.items;
  // Date buckets depend on the browser's clock and time zone, so they appear only after hydration.
  const groups = useMemo(
    () => (mounted ? groupByDate(shown, new Date()) : [{ label: "", items: shown }]),
    [mounted, shown],
  );

  return (
    <>
      <DrawerBackdrop open={open} onClose={onClose} />
      <aside
        ref={drawer}
        aria-label="Conversations"
        className={cn(
          "fixed inset-y-0 left-0 z-40 flex w-72 max-w-[85vw] flex-col border-sidebar-border border-r bg-sidebar text-sidebar-foreground shadow-xl transition-transform duration-200",
          "lg:static lg:z-auto lg:w-64 lg:translate-x-0 lg:shadow-none",
          open ? "translate-x-0" : "invisible -translate-x-full lg:visible",
        )}
      >
        <div className="flex h-12 shrink-0 items-center gap-2 px-3">
          <span className="flex size-6 items-center justify-center rounded-md bg-primary font-semibold text-[11px] text-primary-foreground">
            SP
          </span>
          <span className="truncate font-semibold text-sm tracking-tight">Speciale Playground</span>
          <Button
            variant="ghost"
            size="icon-xs"
            className="ml-auto lg:hidden"
            aria-label="Close sidebar"
            onClick={onClose}
          >
            <X />
          </Button>
        </div>
        <div className="grid gap-1.5 px-2 pb-2">
          <Button
            variant="outline"
            size="sm"
            className="w-full justify-start bg-background"
            onClick={onNewChat}
          >
            <SquarePen />
            New chat
          </Button>
          <Button
            variant="outline"
            size="sm"
            className="w-full justify-start bg-background"
            onClick={onNewComparison}
          >
            <Columns3 />
            New comparison
          </Button>
          <SidebarSearchButton />
        </div>
        <nav ref={nav} aria-label="Conversation history" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {shownComparisons.length > 0 && (
            <section aria-label="Comparisons" className="mb-2">
              <h2 className="px-2 pt-2 pb-1 font-medium text-[11px] text-muted-foreground uppercase tracking-wide">
                Comparisons
              </h2>
              <ul className="flex flex-col gap-px">
                {shownComparisons.map((c) => (
                  <ConversationItem
                    key={c.id}
                    conversation={c}
                    href={`/compare/${c.id}`}
                    titleLabel="Comparison title"
                    icon={COMPARISON_ICON}
                    active={pathname === `/compare/${c.id}`}
                    onRename={renameComparison}
                    onDelete={deleteComparison}
                  />
                ))}
              </ul>
              {comparisons.hasMore && (
                <LoadMore
                  root={nav}
                  label="Load more comparisons"
                  loaded={shownComparisons.length}
                  onLoad={comparisons.loadMore}
                />
              )}
            </section>
          )}
          {shown.length === 0 ? (
            <p className="px-2 py-6 text-center text-muted-foreground text-xs">No conversations yet.</p>
          ) : (
            groups.map((group) => (
              <section key={group.label || "all"} className="mt-2 first:mt-0">
                {group.label && (
                  <h2 className="px-2 pt-2 pb-1 font-medium text-[11px] text-muted-foreground uppercase tracking-wide">
                    {group.label}
                  </h2>
                )}
                <ul className="flex flex-col gap-px">
                  {group.items.map((c) => (
                    <ConversationItem
                      key={c.id}
                      conversation={c}
                      active={pathname === `/c/${c.id}`}
                      onRename={renameConversation}
                      onDelete={deleteConversation}
                    />
                  ))}
                </ul>
              </section>
            ))
          )}
          {conversations.hasMore && (
            <LoadMore
              root={nav}
              label="Load more conversations"
              loaded={shown.length}
              onLoad={conversations.loadMore}
            />
          )}
        </nav>
        <SidebarShareEntries />
        <div className="grid gap-px border-sidebar-border border-t px-2 py-2">
          <SettingsLink />
          <SidebarShortcutsButton />
          <SignOutButton />
        </div>
      </aside>
      <DeleteConversationDialog
        conversation={pendingDelete?.item ?? null}
        kind={pendingDelete?.kind}
        onConfirm={(c) => remove(pendingDelete?.kind ?? "conversation", c)}
        onOpenChange={(o) => !o && setPendingDelete(null)}
      />
    </>
  );
}
