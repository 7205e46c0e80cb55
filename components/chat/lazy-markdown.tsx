"use client";

import dynamic from "next/dynamic";
import { memo, Suspense, useState, useSyncExternalStore } from "react";
import { plainParagraphs } from "@/lib/plain-text";
import { cn } from "@/lib/utils";

/*
 * The Markdown renderer (Streamdown with its unified/micromark/parse5 stack, ~140 kB gzip) is not part of
 * a page's first load: a page with no message needs none of it, and prose needs none of it either.
 * - A text with no Markdown syntax that is not streaming is rendered here, as the paragraphs Streamdown
 *   would make of it (lib/plain-text.ts), with Streamdown's root classes.
 * - Anything else goes to the renderer, loaded on demand. A text the server renders has no Suspense
 *   boundary of ours: the server waits for the renderer and puts the full HTML in the page (React streams
 *   a large boundary's content after its fallback and reveals it later, so a fallback would show first),
 *   Next preloads the chunk (next/dynamic), and hydration waits for it while the server's HTML stays. A
 *   text first rendered in the browser (an answer as it streams, earlier messages loaded on scroll) is in a
 *   boundary that shows it as plain pre-wrapped text until the chunk arrives.
 * Once a message has used the renderer it keeps it (when an answer ends, switching to the plain markup
 * would re-render it).
 */

/** the renderer once its chunk has arrived: a text first rendered after that renders it directly */
let loadedRenderer: typeof import("./markdown").Markdown | null = null;
const loadRenderer = () =>
  import("./markdown").then((m) => {
    loadedRenderer = m.Markdown;
    m.warmUpMarkdown();
  });
const Renderer = dynamic(() => import("./markdown").then((m) => m.Markdown));

/** Starts downloading the renderer (at the first interaction, and a send), so the answer's first tokens find it. */
export function preloadMarkdown(): Promise<void> {
  // A failed download is not an error here: the renderer asks for the chunk again when it is needed.
  return loadRenderer().catch(() => {});
}

const subscribeNothing = () => () => {};
/** true on the server and while hydrating what it rendered, false for what the browser renders later */
function useServerRendered(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
}

// Streamdown's own root classes (its default className) and ours, so a plain text looks the same either way
// and a long one's paragraphs off screen are skipped too (globals.css).
const ROOT_CLASSES =
  "space-y-4 whitespace-normal [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 markdown-blocks min-w-0 break-words";

export const Markdown = memo(function Markdown({
  text,
  streaming = false,
  className,
}: {
  text: string;
  streaming?: boolean;
  className?: string;
}) {
  const [rendered, setRendered] = useState(false);
  const paragraphs = rendered || streaming ? null : plainParagraphs(text);
  if (!paragraphs && !rendered) setRendered(true);
  // Decided once, at mount (see above).
  const serverRendered = useServerRendered();
  const [inBoundary] = useState(!serverRendered);

  if (paragraphs) {
    return (
      <div className={cn(ROOT_CLASSES, className)}>
        {paragraphs.map((paragraph, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a paragraph has no identity but its position
          <p key={i}>{paragraph}</p>
        ))}
      </div>
    );
  }
  const renderer = <Renderer text={text} streaming={streaming} className={className} />;
  if (!inBoundary) return renderer;
  // Loaded already (a send waits for it): no boundary. Through the lazy component the first render would
  // suspend once, and React's retry of a suspended boundary yields to every newer update — on a page
  // streaming into several columns it was put off until the streams ended, the answers shown as raw text.
  if (loadedRenderer) {
    const Loaded = loadedRenderer;
    return <Loaded text={text} streaming={streaming} className={className} />;
  }
  return (
    <Suspense
      fallback={<div className={cn("min-w-0 whitespace-pre-wrap break-words", className)}>{text}</div>}
    >
      {renderer}
    </Suspense>
  );
});
