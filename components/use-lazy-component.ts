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

/** The latest control used while its component downloads: when several are waiting, only it opens. */
let latestRequest = 0;

/**
 * The component: downloaded from the first time `wanted` is true on, and undefined until the download
 * ends (unless it had ended before this control mounted). `onDropped` puts the caller's control back (not
 * opened, usable again) when the download fails — a toast says so — or when another control was used
 * while this one waited (the user moved on: two dialogs must not open at once).
 */
export function useLazyComponent<P>(
  lazy: LazyComponent<P>,
  wanted: boolean,
  onDropped: () => void,
): { Component: ComponentType<P> | undefined; pending: boolean } {
  // Downloaded before this control appeared: shown at once. Downloaded since (another control, a preload):
  // only once this one is used, since swapping the placeholder for it would take the focus off it.
  const [loaded, setLoaded] = useState(() => (lazy.current ? { Component: lazy.current } : undefined));
  const Component = loaded?.Component;
  const pending = wanted && !Component;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onDropped is read when the download ends
  useEffect(() => {
    if (!pending) return;
    const request = ++latestRequest;
    let cancelled = false;
    lazy.load().then(
      (C) => {
        if (cancelled) return;
        setLoaded({ Component: C });
        if (request !== latestRequest) onDropped();
      },
      () => {
        if (cancelled) return;
        toast.error("Could not load this part of the page", {
          description: "Check the connection, then try again.",
        });
        onDropped();
      },
    );
    return () => {
      cancelled = true;
    };
  }, [pending, lazy]);
  return { Component, pending };
}
