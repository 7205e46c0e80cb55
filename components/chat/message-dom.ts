"use client";

import type { RefObject } from "react";
import { useEffect } from "react";
import type { ChatUIMessage } from "@/lib/chat/types";
import { unpinFromBottom } from "./use-stick-to-bottom";

/** How long a message opened from search stays highlighted. */
const HIGHLIGHT_MS = 2400;
/** Tailwind's yellow-300, translucent: readable over the light and the dark theme. */
const HIGHLIGHT = "oklch(90.5% 0.182 98.111 / 0.3)";

/** A rendered message, by id (UserMessage and AssistantMessage carry `data-message-id`). */
function messageElement(id: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
}

/**
 * ↑ in the empty message box: open the last user message's editor, through its own Edit button (disabled
 * while an answer streams, so the shortcut then does nothing either). False when there is none to edit.
 */
export function editLastUserMessage(messages: readonly ChatUIMessage[]): boolean {
  const last = messages.findLast((m) => m.role === "user");
  const edit = last && messageElement(last.id)?.querySelector<HTMLButtonElement>('button[aria-label="Edit"]');
  if (!edit || edit.disabled) return false;
  edit.click();
  return true;
}

/**
 * A conversation opened at a message (a search result, `?m=<id>`): scroll it into view instead of the
 * bottom, highlight it briefly, and drop `m` from the address so a reload opens at the latest message.
 */
export function useOpenAtMessage(openAt: string | undefined, scrollRef: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const scroller = scrollRef.current;
    const target = openAt && scroller ? messageElement(openAt, scroller) : null;
    if (openAt) {
      const url = new URL(window.location.href);
      url.searchParams.delete("m");
      window.history.replaceState(window.history.state, "", url);
    }
    if (!scroller || !target) return;
    unpinFromBottom(scroller);
    // A message taller than the view shows from its start; a shorter one in the middle.
    const tall = target.offsetHeight > scroller.clientHeight * 0.8;
    target.scrollIntoView({ block: tall ? "start" : "center" });
    // Marks the message the page was opened at (tests look for it); the highlight itself fades.
    target.dataset.searchTarget = "";
    // The spread of the shadow pads the highlight beyond the message's own box.
    const lit = { backgroundColor: HIGHLIGHT, boxShadow: `0 0 0 8px ${HIGHLIGHT}`, borderRadius: "4px" };
    const animation = target.animate(
      [
        lit,
        { ...lit, offset: 0.6 },
        { backgroundColor: "transparent", boxShadow: "0 0 0 8px transparent", borderRadius: "4px" },
      ],
      { duration: HIGHLIGHT_MS, easing: "ease-out" },
    );
    return () => animation.cancel();
  }, [openAt, scrollRef]);
}
