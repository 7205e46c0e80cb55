"use client";

import { Loader2 } from "lucide-react";
import type { RefObject } from "react";
import { useLoadWhenNear } from "@/components/use-load-when-near";

/** The end of a sidebar list: loads its next page when scrolled near (a screen early), or on click. */
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
  const { ref, loading, load } = useLoadWhenNear<HTMLButtonElement>({
    root,
    loaded,
    onLoad,
    rootMargin: "0px 0px 600px 0px",
  });
  return (
    <button
      ref={ref}
      type="button"
      disabled={loading}
      onClick={load}
      className="mt-1 flex h-8 w-full items-center justify-center gap-2 rounded-md text-muted-foreground text-xs hover:bg-sidebar-accent"
    >
      {loading && <Loader2 aria-hidden className="size-3.5 animate-spin" />}
      {label}
    </button>
  );
}
