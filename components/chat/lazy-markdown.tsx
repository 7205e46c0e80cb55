"use client";

import { lazy, memo, Suspense, useState } from "react";
import { plainParagraphs } from "@/lib/plain-text";
import { cn } from "@/lib/utils";

/*
 * The Markdown renderer (Streamdown with its unified/micromark/parse5 stack, ~140 kB gzip) is not part of
 * a page's first load: a page with no message needs none of it, and prose needs none of it either.
 * - A text with no Markdown syntax that is not streaming is rendered here, as the paragraphs Streamdown
 *   would make of it (lib/plain-text.ts), with Streamdown's root classes.
 * - Anything else goes to the renderer, loaded on demand. The server renders it in full, so a page with
 *   Markdown shows it at once; while the client downloads the chunk, React keeps the server's HTML (a
 *   Suspense boundary is hydrated when its code arrives), so nothing flashes or moves. Only a text that
 *   starts streaming before the chunk arrived shows as plain pre-wrapped text meanwhile.
 * Once a message has used the renderer it keeps it (when an answer ends, switching to the plain markup
 * would re-render it).
 */

const loadRenderer = () => import("./markdown");
const Renderer = lazy(() => loadRenderer().then((m) => ({ default: m.Markdown })));

/** Starts downloading the renderer (when a message is sent), so the answer's first tokens find it. */
export function preloadMarkdown(): void {
  // A failed download is not an error here: the renderer asks for the chunk again when it is needed.
  loadRenderer().catch(() => {});
}

// Streamdown's own root classes (its default className), so a plain text looks the same either way.
const ROOT_CLASSES =
  "space-y-4 whitespace-normal [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 min-w-0 break-words";

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
  return (
    <Suspense
      fallback={<div className={cn("min-w-0 whitespace-pre-wrap break-words", className)}>{text}</div>}
    >
      <Renderer text={text} streaming={streaming} className={className} />
    </Suspense>
  );
});
