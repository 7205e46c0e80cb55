"use client";

import { useSyncExternalStore } from "react";
import { isApplePlatform } from "./shortcuts";

const subscribe = () => () => {};

/** Whether shortcut labels say ⌘ (Apple) or Ctrl; the server render and the first paint say Ctrl. */
export function useApplePlatform(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => isApplePlatform(navigator.platform),
    () => false,
  );
}
