/** The app's keyboard shortcuts: what the help dialog lists and what the key handlers match. */

export type ShortcutId =
  | "search"
  | "newChat"
  | "shortcuts"
  | "stop"
  | "focusComposer"
  | "editLast"
  | "send"
  | "newLine";

/** A key with its modifiers; `mod` is ⌘ on a Mac and Ctrl elsewhere. */
export interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

export interface Shortcut {
  id: ShortcutId;
  chord: Chord;
  description: string;
  /** when it applies, if not everywhere */
  where?: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: "search", chord: { key: "K", mod: true }, description: "Search conversations" },
  { id: "newChat", chord: { key: "O", mod: true, shift: true }, description: "New chat" },
  { id: "shortcuts", chord: { key: "/", mod: true }, description: "Keyboard shortcuts" },
  { id: "stop", chord: { key: "Esc" }, description: "Stop the answer", where: "while it streams" },
  { id: "focusComposer", chord: { key: "Esc", shift: true }, description: "Focus the message box" },
  {
    id: "editLast",
    chord: { key: "↑" },
    description: "Edit your last message",
    where: "in an empty message box",
  },
  { id: "send", chord: { key: "Enter" }, description: "Send", where: "in the message box" },
  {
    id: "newLine",
    chord: { key: "Enter", shift: true },
    description: "New line",
    where: "in the message box",
  },
];

/** Apple platforms name the command key ⌘ and use it where others use Ctrl. */
export function isApplePlatform(platform: string): boolean {
  return /Mac|iPhone|iPad|iPod/i.test(platform);
}

/** The keys of a chord as shown to the user, one label per key: ["⌘", "⇧", "O"] or ["Ctrl", "Shift", "O"]. */
export function chordKeys(chord: Chord, apple: boolean): string[] {
  const keys: string[] = [];
  if (chord.mod) keys.push(apple ? "⌘" : "Ctrl");
  if (chord.shift) keys.push(apple ? "⇧" : "Shift");
  keys.push(chord.key);
  return keys;
}

/** One line for a tooltip or a label: "⌘K", "Ctrl+K". */
export function chordLabel(chord: Chord, apple: boolean): string {
  return chordKeys(chord, apple).join(apple ? "" : "+");
}

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/**
 * The app-wide shortcut a keydown is, if any. The modifier must be the platform's own (⌘ on a Mac, Ctrl
 * elsewhere) and alone with Shift where listed, so AltGr combinations (Ctrl+Alt on Windows), Ctrl on a Mac
 * and the browser's other shortcuts pass through. "/" is matched by the character typed: on many layouts it
 * needs Shift.
 */
export function matchGlobalShortcut(
  e: KeyInput,
  apple: boolean,
): "search" | "newChat" | "shortcuts" | undefined {
  if (e.isComposing || e.altKey) return undefined;
  const mod = apple ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod) return undefined;
  const key = e.key.toLowerCase();
  if (key === "/") return "shortcuts";
  if (key === "k" && !e.shiftKey) return "search";
  if (key === "o" && e.shiftKey) return "newChat";
  return undefined;
}

/** Esc (stop the answer) or Shift+Esc (focus the message box), with no other modifier. */
export function matchComposerShortcut(e: KeyInput): "stop" | "focusComposer" | undefined {
  if (e.isComposing || e.key !== "Escape" || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  return e.shiftKey ? "focusComposer" : "stop";
}

/** ↑ with no modifier in an empty message box edits the last message; anywhere else it moves the caret. */
export function isEditLastKey(e: KeyInput, composerValue: string): boolean {
  return (
    e.key === "ArrowUp" &&
    !e.isComposing &&
    !e.shiftKey &&
    !e.ctrlKey &&
    !e.metaKey &&
    !e.altKey &&
    composerValue === ""
  );
}
