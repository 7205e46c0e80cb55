"use client";

import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * A "load more" element that loads the next page when it comes near the view of `root` (infinite scroll)
 * and on click (keyboard, screen reader). `loaded` (the items held) re-arms the observer, so a page too
 * short to push the element out of view asks for the next one at once.
 */
export function useLoadWhenNear<T extends HTMLElement>({
  root,
  loaded,
  onLoad,
  rootMargin,
}: {
  /** the scrolling container */
  root: RefObject<HTMLElement | null>;
  loaded: number;
  onLoad: () => Promise<void>;
  /** how far ahead of the view to start, as IntersectionObserver's rootMargin */
  rootMargin: string;
}): { ref: RefObject<T | null>; loading: boolean; load: () => void } {
  const ref = useRef<T>(null);
  const [loading, setLoading] = useState(false);
  const latestOnLoad = useRef(onLoad);
  useEffect(() => {
    latestOnLoad.current = onLoad;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `loaded` re-creates the observer on purpose (see above)
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry?.isIntersecting) return;
        setLoading(true);
        void latestOnLoad.current().finally(() => !cancelled && setLoading(false));
      },
      { root: root.current, rootMargin },
    );
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [root, loaded, rootMargin]);

  const load = () => {
    setLoading(true);
    void latestOnLoad.current().finally(() => setLoading(false));
  };
  return { ref, loading, load };
}
