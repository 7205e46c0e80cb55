"use client";

import { Keyboard, Search } from "lucide-react";
import { useCommands } from "@/components/shortcuts/commands";
import { chordLabel, SHORTCUTS, type ShortcutId } from "@/components/shortcuts/shortcuts";
import { useApplePlatform } from "@/components/shortcuts/use-apple-platform";
import { Button } from "@/components/ui/button";

function useChord(id: ShortcutId) {
  const apple = useApplePlatform();
  const chord = SHORTCUTS.find((s) => s.id === id)?.chord;
  return {
    label: chord ? chordLabel(chord, apple) : "",
    // aria-keyshortcuts names keys the same way on every platform.
    aria: chord
      ? [chord.mod && (apple ? "Meta" : "Control"), chord.shift && "Shift", chord.key]
          .filter(Boolean)
          .join("+")
      : "",
  };
}

/** "Search" beside New chat: the search dialog for pointer and touch users, with its shortcut shown. */
export function SidebarSearchButton() {
  const { openSearch } = useCommands();
  const chord = useChord("search");
  return (
    <Button
      variant="outline"
      size="sm"
      className="w-full justify-start bg-background"
      aria-keyshortcuts={chord.aria}
      onClick={openSearch}
    >
      <Search />
      Search
      <kbd aria-hidden className="ml-auto font-sans text-[11px] text-muted-foreground">
        {chord.label}
      </kbd>
    </Button>
  );
}

/** "Keyboard shortcuts" in the sidebar's footer: the list of shortcuts. */
export function SidebarShortcutsButton() {
  const { openShortcuts } = useCommands();
  const chord = useChord("shortcuts");
  return (
    <button
      type="button"
      aria-keyshortcuts={chord.aria}
      onClick={openShortcuts}
      className="flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground"
    >
      <Keyboard aria-hidden />
      Keyboard shortcuts
    </button>
  );
}
