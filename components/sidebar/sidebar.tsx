"use client";

import { Columns3, SquarePen, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { SidebarShareEntries } from "@/components/share/sidebar-share-entries";
import { Button } from "@/components/ui/button";
import { DrawerBackdrop } from "@/components/ui/drawer-backdrop";
import { useDrawerFocus } from "@/components/ui/use-drawer-focus";
import { useMounted } from "@/components/use-mounted";
import type { ConversationSummary } from "@/lib/chat/types";
import type { ComparisonSummary } from "@/lib/compare/types";
import { cn } from "@/lib/utils";
import { ConversationItem } from "./conversation-item";
import { DeleteConversationDialog } from "./delete-conversation-dialog";
import { groupByDate } from "./group-by-date";
import { SignOutButton } from "./sign-out-button";

async function failureMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

type Kind = "conversation" | "comparison";

const API_BASE: Record<Kind, string> = { conversation: "/api/conversations", comparison: "/api/comparisons" };

type Pending =
  | { kind: "conversation"; item: ConversationSummary }
  | { kind: "comparison"; item: ComparisonSummary };

export function Sidebar({
  conversations,
  onChanged,
  onNewChat,
  comparisons,
  onComparisonsChanged,
  onNewComparison,
  open,
  onClose,
}: {
  conversations: ConversationSummary[];
  onChanged: () => Promise<void>;
  onNewChat: () => void;
  comparisons: ComparisonSummary[];
  onComparisonsChanged: () => Promise<void>;
  onNewComparison: () => void;
  /** drawer state below the lg breakpoint; always shown above it */
  open: boolean;
  onClose: () => void;
}) {
  const pathname = usePathname();
  const mounted = useMounted();
  const drawer = useRef<HTMLElement>(null);
  useDrawerFocus(open, drawer);
  const [pendingDelete, setPendingDelete] = useState<Pending | null>(null);
  // Renamed titles show at once, before the server round trip completes.
  const [renamed, setRenamed] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);

  const refresh = (kind: Kind) => (kind === "conversation" ? onChanged() : onComparisonsChanged());

  const rename = async (kind: Kind, c: { id: string }, title: string) => {
    setRenamed((r) => ({ ...r, [c.id]: title }));
    const res = await fetch(`${API_BASE[kind]}/${encodeURIComponent(c.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title }),
    }).catch(() => null);
    if (!res?.ok) toast.error(`Could not rename: ${res ? await failureMessage(res) : "server unreachable"}`);
    await refresh(kind);
    setRenamed(({ [c.id]: _, ...rest }) => rest);
  };

  const remove = async (kind: Kind, c: { id: string }) => {
    const res = await fetch(`${API_BASE[kind]}/${encodeURIComponent(c.id)}`, { method: "DELETE" }).catch(
      () => null,
    );
    if (!res?.ok && res?.status !== 404) {
      toast.error(`Could not delete: ${res ? await failureMessage(res) : "server unreachable"}`);
      return;
    }
    setPendingDelete(null);
    if (kind === "conversation") {
      toast.success("Conversation deleted");
      if (pathname === `/c/${c.id}`) onNewChat();
    } else {
      toast.success("Comparison deleted");
      if (pathname === `/compare/${c.id}`) onNewComparison();
    }
    await refresh(kind);
  };

  const shownComparisons = comparisons.map((c) => (renamed[c.id] ? { ...c, title: renamed[c.id] } : c));
  // Date buckets depend on the browser's clock and time zone, so they appear only after hydration.
  const shown = conversations.map((c) => (renamed[c.id] ? { ...c, title: renamed[c.id] } : c));
  const groups = mounted ? groupByDate(shown, new Date()) : [{ label: "", items: shown }];

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
        </div>
        <nav aria-label="Conversation history" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
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
                    icon={<Columns3 aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />}
                    active={pathname === `/compare/${c.id}`}
                    onRename={(title) => rename("comparison", c, title)}
                    onDelete={() => setPendingDelete({ kind: "comparison", item: c })}
                  />
                ))}
              </ul>
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
                      onRename={(title) => rename("conversation", c, title)}
                      onDelete={() => setPendingDelete({ kind: "conversation", item: c })}
                    />
                  ))}
                </ul>
              </section>
            ))
          )}
        </nav>
        <SidebarShareEntries />
        <div className="border-sidebar-border border-t px-2 py-2 empty:hidden">
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
