"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const AT_BOTTOM_PX = 8;
const SHOW_JUMP_PX = 120;

/** How to unpin each mounted container, for code that scrolls it elsewhere (opening at a message). */
const unpinners = new WeakMap<HTMLElement, () => void>();

/** Stop following the bottom of this container until the reader scrolls back there. */
export function unpinFromBottom(el: HTMLElement): void {
  unpinners.get(el)?.();
}

/**
 * Whether a wheel up over `target` scrolls a container inside `outer` (the reasoning as it streams, a tall
 * code block) rather than `outer` itself: the browser scrolls the innermost one that can still move.
 */
function innerScrollerTakes(target: EventTarget | null, outer: HTMLElement): boolean {
  for (let el = target instanceof Element ? target : null; el && el !== outer; el = el.parentElement) {
    if (el.scrollTop > 0 && /auto|scroll/.test(getComputedStyle(el).overflowY)) return true;
  }
  return false;
}

/**
 * Keep a scroll container pinned to its bottom while content grows, until the user scrolls up;
 * scrolling back to the bottom (or calling scrollToBottom) pins it again. Unpinned at first, it starts
 * at the top (e.g. a comparison column whose parameters come before any message).
 */
export function useStickToBottom(initiallyPinned = true) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(initiallyPinned);
  /** distance from the bottom to restore at the next resize: content is being added above the reader */
  const keepDistance = useRef<number | null>(null);
  const [farFromBottom, setFarFromBottom] = useState(false);

  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    let lastTop = el.scrollTop;
    /** the content's height at the last resize, and where its bottom was before that resize */
    let height = el.scrollHeight;
    let heightBefore = height;
    /** unpinned by the reader's own scroll up (not by code that scrolled to a message) */
    let readerLeft = false;

    const onScroll = () => {
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      // A scroll that moves up is the user's; content shrinking only clamps us to the bottom.
      if (distance <= AT_BOTTOM_PX) pinned.current = true;
      else if (el.scrollTop < lastTop) {
        pinned.current = false;
        readerLeft = true;
      } else if (
        readerLeft &&
        el.scrollTop > lastTop &&
        el.scrollTop + el.clientHeight >= heightBefore - AT_BOTTOM_PX
      ) {
        // Down to where the bottom was a moment ago: the content grew between the scroll and its event.
        pinned.current = true;
        el.scrollTop = el.scrollHeight;
      }
      lastTop = el.scrollTop;
      setFarFromBottom(el.scrollHeight - el.scrollTop - el.clientHeight > SHOW_JUMP_PX);
    };
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY < 0 && !innerScrollerTakes(e.target, el)) {
        pinned.current = false;
        readerLeft = true;
      }
    };
    const follow = () => {
      // (what is prepended grows the content above the reader, not at its bottom)
      heightBefore = keepDistance.current === null ? height : el.scrollHeight;
      height = el.scrollHeight;
      if (pinned.current) el.scrollTop = el.scrollHeight;
      else if (keepDistance.current !== null) el.scrollTop = el.scrollHeight - keepDistance.current;
      keepDistance.current = null;
      setFarFromBottom(el.scrollHeight - el.scrollTop - el.clientHeight > SHOW_JUMP_PX);
    };

    unpinners.set(el, () => {
      pinned.current = false;
      readerLeft = false;
    });
    el.addEventListener("scroll", onScroll, { passive: true });
    el.addEventListener("wheel", onWheel, { passive: true });
    const observer = new ResizeObserver(follow);
    observer.observe(content);
    observer.observe(el);
    follow();
    return () => {
      el.removeEventListener("scroll", onScroll);
      el.removeEventListener("wheel", onWheel);
      observer.disconnect();
      unpinners.delete(el);
    };
  }, []);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "auto") => {
    const el = scrollRef.current;
    pinned.current = true;
    el?.scrollTo({ top: el.scrollHeight, behavior });
  }, []);

  /**
   * Call right before content is prepended (earlier messages): the next resize puts the reader where they
   * were, measured from the bottom, instead of where the same scrollTop now is. The resize observer runs
   * after layout and before paint, so nothing jumps.
   */
  const keepPositionOnPrepend = useCallback(() => {
    const el = scrollRef.current;
    if (el) keepDistance.current = el.scrollHeight - el.scrollTop;
  }, []);

  return { scrollRef, contentRef, farFromBottom, scrollToBottom, keepPositionOnPrepend };
}
