"use client";

import { type RefObject, useEffect } from "react";

/**
 * Move focus into a drawer when it opens (so keyboard and screen-reader users land in it) and give it
 * back to whatever had it when the drawer closes.
 */
export function useDrawerFocus(open: boolean, ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>("button, a[href], input, select, textarea")?.focus();
    return () => previous?.focus();
  }, [open, ref]);
}
