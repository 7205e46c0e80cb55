"use client";

import { Loader2 } from "lucide-react";
import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * The end of a list that loads its next page when scrolled near (infinite scroll), and on click for a
 * keyboard or a screen reader. `loaded` (the rows held) re-arms the observer: a page too short to push
 * this out of view asks for the next one at once.
 */
export function LoadMore({
  root,
  label,
  loaded,
  onLoad,
}: {
  /** the scrolling container */
  root: RefObject<HTMLElement | null>;
  label: string;
  loaded: number;
  onLoad: () => Promise<void>;
}) {
  const self = useRef<HTMLButtonElement>(null);
  const [loading, setLoading] = useState(false);
  const latestOnLoad = useRef(onLoad);
  useEffect(() => {
    latestOnLoad.current = onLoad;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `loaded` re-creates the observer on purpose (see above)
  useEffect(() => {
    const el = self.current;
    if (!el) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry?.isIntersecting) return;
        setLoading(true);
        void latestOnLoad.current().finally(() => !cancelled && setLoading(false));
      },
      // Start a screen early, so rows are there before the reader reaches the end.
      { root: root.current, rootMargin: "0px 0px 600px 0px" },
    );
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [root, loaded]);

  return (
    <button
      ref={self}
      type="button"
      disabled={loading}
      onClick={() => {
        setLoading(true);
        void onLoad().finally(() => setLoading(false));
      }}
      className="mt-1 flex h-8 w-full items-center justify-center gap-2 rounded-md text-muted-foreground text-xs hover:bg-sidebar-accent"
    >
      {loading && <Loader2 aria-hidden className="size-3.5 animate-spin" />}
      {label}
    </button>
  );
}
