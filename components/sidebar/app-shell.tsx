"use client";

import { usePathname, useRouter } from "next/navigation";
import {
  createContext,
  Fragment,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { CommandsProvider } from "@/components/shortcuts/commands";
import { SkipToComposer } from "@/components/shortcuts/skip-to-composer";
import type { ConversationList, ConversationSummary } from "@/lib/chat/types";
import type { ComparisonList, ComparisonSummary } from "@/lib/compare/types";
import { appendPage, mergeFirstPage, type PagedList } from "@/lib/paged-list";
import { Sidebar } from "./sidebar";

interface ShellContextValue {
  /** the chats loaded so far (the first page, then more as the sidebar is scrolled) */
  conversations: ConversationSummary[];
  /** re-read the first page (after a send, a rename or a delete); rows loaded beyond it stay */
  refreshConversations: () => Promise<void>;
  comparisons: ComparisonSummary[];
  refreshComparisons: () => Promise<void>;
  openSidebar: () => void;
  /** bumped by "New chat"; a draft chat remounts on it */
  newChatEpoch: number;
  /** bumped by "New comparison"; a draft comparison remounts on it */
  newComparisonEpoch: number;
}

const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const ctx = useContext(ShellContext);
  if (!ctx) throw new Error("useShell must be used inside <AppShell>");
  return ctx;
}

/** What the sidebar does with one of its lists. */
export interface ListControls<T> {
  items: T[];
  hasMore: boolean;
  /** fetch the next page (no-op while one is on its way or when everything is held) */
  loadMore: () => Promise<void>;
  refresh: () => Promise<void>;
  /** change a row at once (a rename), before the server round trip */
  patch: (id: string, fields: Partial<T>) => void;
  /** drop a row at once (a delete), wherever it is in the loaded pages */
  remove: (id: string) => void;
}

type Row = { id: string; updatedAt: number };

/**
 * A cursor-paginated list (`url` answers `{ [key]: T[], nextCursor }`), seeded with its first page by the
 * server render. Refreshing is cheap and safe to call often: only the newest first-page response is kept.
 */
function usePagedList<T extends Row>(
  initial: { items: T[]; nextCursor: string | null } | undefined,
  url: string,
  key: string,
): ListControls<T> {
  const [list, setList] = useState<PagedList<T>>(initial ?? { items: [], nextCursor: null });
  // A server render (navigation) brings a fresher first page than the one held here.
  const [serverList, setServerList] = useState(initial);
  if (initial !== undefined && serverList !== initial) {
    setServerList(initial);
    setList((held) => mergeFirstPage(held, initial));
  }
  const latestRequest = useRef(0);
  const loadingMore = useRef(false);
  const nextCursor = useRef(list.nextCursor);
  useEffect(() => {
    nextCursor.current = list.nextCursor;
  }, [list.nextCursor]);

  const read = useCallback(
    async (cursor?: string): Promise<PagedList<T> | null> => {
      try {
        const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
        const res = await fetch(`${url}${query}`, { cache: "no-store" });
        if (!res.ok) return null;
        const body = (await res.json()) as Record<string, unknown>;
        const items = body[key];
        return Array.isArray(items)
          ? { items: items as T[], nextCursor: (body.nextCursor as string) ?? null }
          : null;
      } catch {
        // The list stays as it was; the next refresh or scroll will catch up.
        return null;
      }
    },
    [url, key],
  );

  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    const first = await read();
    // Responses can arrive out of order; only the newest request may write. A transition: React renders
    // the list in slices, so a refresh during a send never holds the main thread for long.
    if (first && request === latestRequest.current) {
      startTransition(() => setList((held) => mergeFirstPage(held, first)));
    }
  }, [read]);

  const loadMore = useCallback(async () => {
    const cursor = nextCursor.current;
    if (!cursor || loadingMore.current) return;
    loadingMore.current = true;
    try {
      const next = await read(cursor);
      if (next) {
        startTransition(() =>
          setList((held) => (held.nextCursor === cursor ? appendPage(held, next) : held)),
        );
      }
    } finally {
      loadingMore.current = false;
    }
  }, [read]);

  const patch = useCallback((id: string, fields: Partial<T>) => {
    setList((held) => ({ ...held, items: held.items.map((i) => (i.id === id ? { ...i, ...fields } : i)) }));
  }, []);
  const remove = useCallback((id: string) => {
    setList((held) => ({ ...held, items: held.items.filter((i) => i.id !== id) }));
  }, []);

  return useMemo(
    () => ({ items: list.items, hasMore: list.nextCursor !== null, loadMore, refresh, patch, remove }),
    [list, loadMore, refresh, patch, remove],
  );
}

export function AppShell({
  initialConversations,
  initialComparisons,
  children,
}: {
  initialConversations: ConversationList;
  /** read from the API after mounting when a page does not provide it */
  initialComparisons?: ComparisonList;
  children: ReactNode;
}) {
  const seededConversations = useMemo(
    () => ({ items: initialConversations.conversations, nextCursor: initialConversations.nextCursor }),
    [initialConversations],
  );
  const seededComparisons = useMemo(
    () =>
      initialComparisons && {
        items: initialComparisons.comparisons,
        nextCursor: initialComparisons.nextCursor,
      },
    [initialComparisons],
  );
  const conversationList = usePagedList(seededConversations, "/api/conversations", "conversations");
  const comparisonList = usePagedList(seededComparisons, "/api/comparisons", "comparisons");
  const conversations = conversationList.items;
  const refreshConversations = conversationList.refresh;
  const comparisons = comparisonList.items;
  const refreshComparisons = comparisonList.refresh;
  const comparisonsGiven = initialComparisons !== undefined;
  useEffect(() => {
    if (!comparisonsGiven) void refreshComparisons();
  }, [comparisonsGiven, refreshComparisons]);

  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [newChatEpoch, setNewChatEpoch] = useState(0);
  const [newComparisonEpoch, setNewComparisonEpoch] = useState(0);
  const router = useRouter();
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile drawer whenever the route changes
  useEffect(() => setSidebarOpen(false), [pathname]);

  const value = useMemo(
    () => ({
      conversations,
      refreshConversations,
      comparisons,
      refreshComparisons,
      openSidebar: () => setSidebarOpen(true),
      newChatEpoch,
      newComparisonEpoch,
    }),
    [conversations, refreshConversations, comparisons, refreshComparisons, newChatEpoch, newComparisonEpoch],
  );

  const startNewChat = () => {
    setSidebarOpen(false);
    setNewChatEpoch((e) => e + 1);
    router.push("/");
  };

  const startNewComparison = () => {
    setSidebarOpen(false);
    setNewComparisonEpoch((e) => e + 1);
    router.push("/compare");
  };

  return (
    <ShellContext.Provider value={value}>
      <CommandsProvider onNewChat={startNewChat}>
        <SkipToComposer />
        <div className="flex h-dvh overflow-hidden bg-background">
          <Sidebar
            conversations={conversationList}
            onNewChat={startNewChat}
            comparisons={comparisonList}
            onNewComparison={startNewComparison}
            open={sidebarOpen}
            onClose={() => setSidebarOpen(false)}
          />
          <div className="flex min-w-0 flex-1">{children}</div>
        </div>
      </CommandsProvider>
    </ShellContext.Provider>
  );
}

/**
 * Wraps the chat of "/". After its first message a draft chat moves to /c/<id> with replaceState, which
 * Next's router does not treat as a new page, so "New chat" could land on the same mounted draft:
 * keying it by the epoch gives a clean one every time.
 */
export function NewChatBoundary({ children }: { children: ReactNode }) {
  const { newChatEpoch } = useShell();
  return <Fragment key={newChatEpoch}>{children}</Fragment>;
}

/** The same for the draft comparison of "/compare", keyed by "New comparison". */
export function NewComparisonBoundary({ children }: { children: ReactNode }) {
  const { newComparisonEpoch } = useShell();
  return <Fragment key={newComparisonEpoch}>{children}</Fragment>;
}
