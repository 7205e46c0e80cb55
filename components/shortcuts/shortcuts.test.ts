import { describe, expect, it } from "vitest";
import {
  chordLabel,
  isApplePlatform,
  isEditLastKey,
  type KeyInput,
  matchComposerShortcut,
  matchGlobalShortcut,
  SHORTCUTS,
} from "./shortcuts";

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("shortcuts", () => {
  it("uses ⌘ on Apple platforms and Ctrl elsewhere", () => {
    expect(isApplePlatform("MacIntel")).toBe(true);
    expect(isApplePlatform("iPhone")).toBe(true);
    expect(isApplePlatform("Win32")).toBe(false);
    expect(isApplePlatform("Linux x86_64")).toBe(false);
    const newChat = SHORTCUTS.find((s) => s.id === "newChat")?.chord;
    expect(newChat && chordLabel(newChat, true)).toBe("⌘⇧O");
    expect(newChat && chordLabel(newChat, false)).toBe("Ctrl+Shift+O");
  });

  it("matches the global shortcuts with the platform's modifier only", () => {
    expect(matchGlobalShortcut(key("k", { ctrlKey: true }), false)).toBe("search");
    expect(matchGlobalShortcut(key("K", { metaKey: true }), true)).toBe("search");
    expect(matchGlobalShortcut(key("O", { ctrlKey: true, shiftKey: true }), false)).toBe("newChat");
    expect(matchGlobalShortcut(key("/", { ctrlKey: true }), false)).toBe("shortcuts");
    // "/" typed with Shift (German layout: Shift+7).
    expect(matchGlobalShortcut(key("/", { ctrlKey: true, shiftKey: true }), false)).toBe("shortcuts");
    // The other platform's modifier, AltGr (Ctrl+Alt), plain keys and other letters pass through.
    expect(matchGlobalShortcut(key("k", { metaKey: true }), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("k", { ctrlKey: true }), true)).toBeUndefined();
    expect(matchGlobalShortcut(key("k", { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("k"), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("o", { ctrlKey: true }), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("K", { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("c", { ctrlKey: true }), false)).toBeUndefined();
    expect(matchGlobalShortcut(key("k", { ctrlKey: true, isComposing: true }), false)).toBeUndefined();
  });

  it("tells Esc from Shift+Esc, and leaves Esc with other modifiers alone", () => {
    expect(matchComposerShortcut(key("Escape"))).toBe("stop");
    expect(matchComposerShortcut(key("Escape", { shiftKey: true }))).toBe("focusComposer");
    expect(matchComposerShortcut(key("Escape", { ctrlKey: true }))).toBeUndefined();
    expect(matchComposerShortcut(key("Escape", { isComposing: true }))).toBeUndefined();
    expect(matchComposerShortcut(key("Enter"))).toBeUndefined();
  });

  it("takes ↑ for editing only in an empty message box and with no modifier", () => {
    expect(isEditLastKey(key("ArrowUp"), "")).toBe(true);
    expect(isEditLastKey(key("ArrowUp"), "draft")).toBe(false);
    expect(isEditLastKey(key("ArrowUp"), " ")).toBe(false);
    expect(isEditLastKey(key("ArrowUp", { shiftKey: true }), "")).toBe(false);
    expect(isEditLastKey(key("ArrowUp", { metaKey: true }), "")).toBe(false);
    expect(isEditLastKey(key("ArrowDown"), "")).toBe(false);
  });
});
