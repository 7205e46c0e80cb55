"use client";

import { useEffect, useRef } from "react";
import { matchComposerShortcut } from "./shortcuts";
import { COMPOSER_ID } from "./skip-to-composer";

/** A dialog, menu, list box or drawer (phones) is open: Esc is theirs (it closes them). */
const OPEN_LAYER =
  '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [aria-modal="true"], [data-drawer-open]';

function typingElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || target.id === COMPOSER_ID) return false;
  return target.isContentEditable || target.matches("input, textarea, select");
}

/**
 * Esc stops the answer being streamed; Shift+Esc focuses the message box. Esc is left to whatever else
 * uses it: an open dialog, menu or drawer, a field being edited (a message's editor, a title being renamed).
 */
export function useComposerShortcuts({ busy, onStop }: { busy: boolean; onStop: () => void }) {
  const latest = useRef({ busy, onStop });
  useEffect(() => {
    latest.current = { busy, onStop };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = matchComposerShortcut(e);
      if (!id || e.defaultPrevented || document.querySelector(OPEN_LAYER)) return;
      if (id === "focusComposer") {
        const composer = document.getElementById(COMPOSER_ID);
        if (!composer) return;
        e.preventDefault();
        composer.focus();
      } else if (latest.current.busy && !typingElsewhere(e.target)) {
        e.preventDefault();
        latest.current.onStop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
