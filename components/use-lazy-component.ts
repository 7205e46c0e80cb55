"use client";

import { type ComponentType, useEffect, useState } from "react";
import { toast } from "sonner";

/**
 * A component downloaded when first wanted (a dialog or menu, when its control is first used) instead of
 * with every page. Made once per module; every place showing it shares the download.
 */
export interface LazyComponent<P> {
  /** the component, once downloaded */
  readonly current: ComponentType<P> | undefined;
  /** downloads it: once, or again after a failure */
  load: () => Promise<ComponentType<P>>;
  /** starts the download ahead of a likely click (the pointer over its control, or focus on it) */
  preload: () => void;
}

/** `importer` calls import() of a literal path, so that the bundler gives the module its own chunk. */
export function lazyComponent<P>(importer: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let current: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const load = () => {
    loading ??= importer().then(
      (component) => {
        current = component;
        return component;
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  return {
    get current() {
      return current;
    },
    load,
    preload: () => void load().catch(() => {}),
  };
}

/**
 * The component: downloaded from the first time `wanted` is true on, and undefined until the download
 * ends (unless it had ended before this control mounted). A failed download says so in a toast and calls `onFailure`: the caller puts its
 * control back, so that using it again retries.
 */
export function useLazyComponent<P>(
  lazy: LazyComponent<P>,
  wanted: boolean,
  onFailure: () => void,
): { Component: ComponentType<P> | undefined; pending: boolean } {
  // Downloaded before this control appeared: shown at once. Downloaded since (another control, a preload):
  // only once this one is used, since swapping the placeholder for it would take the focus off it.
  const [loaded, setLoaded] = useState(() => (lazy.current ? { Component: lazy.current } : undefined));
  const Component = loaded?.Component;
  const pending = wanted && !Component;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onFailure is read when the download ends
  useEffect(() => {
    if (!pending) return;
    let cancelled = false;
    lazy.load().then(
      (C) => {
        if (!cancelled) setLoaded({ Component: C });
      },
      () => {
        if (cancelled) return;
        toast.error("Could not load this part of the page", {
          description: "Check the connection, then try again.",
        });
        onFailure();
      },
    );
    return () => {
      cancelled = true;
    };
  }, [pending, lazy]);
  return { Component, pending };
}
