import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** false during the server render and hydration, true afterwards: for output that depends on the browser. */
export function useMounted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
