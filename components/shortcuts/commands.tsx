"use client";

import dynamic from "next/dynamic";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { matchGlobalShortcut } from "./shortcuts";
import { useApplePlatform } from "./use-apple-platform";

// The dialogs (cmdk with them) download when first opened, not with every page.
const SearchDialog = dynamic(() => import("@/components/search/search-dialog").then((m) => m.SearchDialog), {
  ssr: false,
});
const ShortcutsDialog = dynamic(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog), {
  ssr: false,
});

interface Commands {
  openSearch: () => void;
  openShortcuts: () => void;
}

const CommandsContext = createContext<Commands>({ openSearch: () => {}, openShortcuts: () => {} });

export const useCommands = () => useContext(CommandsContext);

/**
 * The app-wide shortcuts (Ctrl/⌘+K search, Ctrl/⌘+Shift+O new chat, Ctrl/⌘+/ shortcuts) and the two
 * dialogs they open. They work from anywhere, a text field included: none of them types anything, and the
 * browser's own meaning of these chords (address-bar search, bookmarks) is the one given up.
 */
export function CommandsProvider({ onNewChat, children }: { onNewChat: () => void; children: ReactNode }) {
  const [searchOpen, setSearchOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // Mounted from the first opening on (so that each closes with its animation and keeps its state).
  const [searchUsed, setSearchUsed] = useState(false);
  const [shortcutsUsed, setShortcutsUsed] = useState(false);
  if (searchOpen && !searchUsed) setSearchUsed(true);
  if (shortcutsOpen && !shortcutsUsed) setShortcutsUsed(true);
  const apple = useApplePlatform();
  // The dialogs have no trigger of their own (a shortcut or a sidebar button opens them): focus goes back to
  // whatever had it when one opened, instead of to the page's body.
  const opener = useRef<HTMLElement | null>(null);
  const rememberOpener = useCallback(() => {
    if (!document.querySelector('[role="dialog"]')) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    }
  }, []);
  const returnFocus = useCallback((e: Event) => {
    e.preventDefault();
    if (opener.current?.isConnected) opener.current.focus();
  }, []);
  const newChat = useRef(onNewChat);
  useEffect(() => {
    newChat.current = onNewChat;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = matchGlobalShortcut(e, apple);
      if (!id) return;
      e.preventDefault();
      rememberOpener();
      if (id === "search") {
        setShortcutsOpen(false);
        setSearchOpen((open) => !open);
      } else if (id === "shortcuts") {
        setSearchOpen(false);
        setShortcutsOpen((open) => !open);
      } else {
        setSearchOpen(false);
        setShortcutsOpen(false);
        newChat.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [apple, rememberOpener]);

  const commands = useMemo(
    () => ({
      openSearch: () => {
        rememberOpener();
        setSearchOpen(true);
      },
      openShortcuts: () => {
        rememberOpener();
        setShortcutsOpen(true);
      },
    }),
    [rememberOpener],
  );
  return (
    <CommandsContext.Provider value={commands}>
      {children}
      {searchUsed && (
        <SearchDialog open={searchOpen} onOpenChange={setSearchOpen} onCloseAutoFocus={returnFocus} />
      )}
      {shortcutsUsed && (
        <ShortcutsDialog
          open={shortcutsOpen}
          onOpenChange={setShortcutsOpen}
          onCloseAutoFocus={returnFocus}
        />
      )}
    </CommandsContext.Provider>
  );
}
