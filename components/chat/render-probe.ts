declare global {
  interface Window {
    /** renders per message id, in builds made with NEXT_PUBLIC_RENDER_PROBE=1 only */
    __specialeRenderCounts?: Record<string, number>;
  }
}

/**
 * Counts a render of a message component, for the render bench (a finished message must not re-render
 * while another streams). Call it as `if (process.env.NEXT_PUBLIC_RENDER_PROBE === "1") countRender(id)`:
 * Next inlines the variable at build time, so a normal build drops the call, and the same test here
 * leaves an empty function.
 */
export function countRender(messageId: string): void {
  if (process.env.NEXT_PUBLIC_RENDER_PROBE !== "1" || typeof window === "undefined") return;
  window.__specialeRenderCounts ??= {};
  const counts = window.__specialeRenderCounts;
  counts[messageId] = (counts[messageId] ?? 0) + 1;
}
