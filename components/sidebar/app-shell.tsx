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
import { Sidebar } from "./sidebar";

interface ShellContextValue {
  conversations: ConversationSummary[];
  /** re-read the list from the server (after a send, a rename or a delete) */
  refreshConversations: () => Promise<void>;
  openSidebar: () => void;
  /** bumped by "New chat"; a draft chat remounts on it */
  newChatEpoch: number;
}

const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const ctx = useContext(ShellContext);
  if (!ctx) throw new Error("useShell must be used inside <AppShell>");
  return ctx;
}

export function AppShell({
  initialConversations,
  children,
}: {
  initialConversations: ConversationSummary[];
  children: ReactNode;
}) {
  const [conversations, setConversations] = useState(initialConversations);
  // A server render (navigation) brings a fresher list than the one held here.
  const [serverList, setServerList] = useState(initialConversations);
  if (serverList !== initialConversations) {
    setServerList(initialConversations);
    setConversations(initialConversations);
  }

  const latestRequest = useRef(0);
  const refreshConversations = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const res = await fetch("/api/conversations", { cache: "no-store" });
      if (!res.ok) return;
      const body = (await res.json()) as { conversations: ConversationSummary[] };
      // Responses can arrive out of order; only the newest request may write.
      if (request === latestRequest.current) setConversations(body.conversations);
    } catch {
      // The list stays as it was; the next refresh will catch up.
    }
  }, []);

  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [newChatEpoch, setNewChatEpoch] = useState(0);
  const router = useRouter();
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile drawer whenever the route changes
  useEffect(() => setSidebarOpen(false), [pathname]);

  const value = useMemo(
    () => ({ conversations, refreshConversations, openSidebar: () => setSidebarOpen(true), newChatEpoch }),
    [conversations, refreshConversations, newChatEpoch],
  );

  const startNewChat = () => {
    setSidebarOpen(false);
    setNewChatEpoch((e) => e + 1);
    router.push("/");
  };

  return (
    <ShellContext.Provider value={value}>
      <div className="flex h-dvh overflow-hidden bg-background">
        <Sidebar
          conversations={conversations}
          onChanged={refreshConversations}
          onNewChat={startNewChat}
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
