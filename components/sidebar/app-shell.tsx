"use client";

import { usePathname, useRouter } from "next/navigation";
import {
  createContext,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { ConversationSummary } from "@/lib/chat/types";
import type { ComparisonSummary } from "@/lib/compare/types";
import { Sidebar } from "./sidebar";

interface ShellContextValue {
  conversations: ConversationSummary[];
  /** re-read the list from the server (after a send, a rename or a delete) */
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

/**
 * A list fetched from `url` (key `key` of the JSON), seeded by the server render. Refreshing is cheap
 * and safe to call often: only the newest response is kept.
 */
function useServerList<T>(initial: T[] | undefined, url: string, key: string) {
  const [items, setItems] = useState<T[]>(initial ?? []);
  // A server render (navigation) brings a fresher list than the one held here.
  const [serverList, setServerList] = useState(initial);
  if (initial !== undefined && serverList !== initial) {
    setServerList(initial);
    setItems(initial);
  }
  const latestRequest = useRef(0);
  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const res = await fetch(url, { cache: "no-store" });
      if (!res.ok) return;
      const body = (await res.json()) as Record<string, T[]>;
      // Responses can arrive out of order; only the newest request may write.
      if (request === latestRequest.current && Array.isArray(body[key])) setItems(body[key]);
    } catch {
      // The list stays as it was; the next refresh will catch up.
    }
  }, [url, key]);
  return [items, refresh] as const;
}

export function AppShell({
  initialConversations,
  initialComparisons,
  children,
}: {
  initialConversations: ConversationSummary[];
  /** read from the API after mounting when a page does not provide it */
  initialComparisons?: ComparisonSummary[];
  children: ReactNode;
}) {
  const [conversations, refreshConversations] = useServerList(
    initialConversations,
    "/api/conversations",
    "conversations",
  );
  const [comparisons, refreshComparisons] = useServerList(
    initialComparisons,
    "/api/comparisons",
    "comparisons",
  );
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
      <div className="flex h-dvh overflow-hidden bg-background">
        <Sidebar
          conversations={conversations}
          onChanged={refreshConversations}
          onNewChat={startNewChat}
          comparisons={comparisons}
          onComparisonsChanged={refreshComparisons}
          onNewComparison={startNewComparison}
          open={sidebarOpen}
          onClose={() => setSidebarOpen(false)}
        />
        <div className="flex min-w-0 flex-1">{children}</div>
      </div>
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
