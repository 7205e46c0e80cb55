"use client";

import { usePathname } from "next/navigation";

/** Pages with a message box: a chat, a comparison, and their new drafts. */
const WITH_COMPOSER = /^\/(c\/[^/]+|compare(\/[^/]+)?)?$/;

/** The id of the message box's textarea, the skip link's target. */
export const COMPOSER_ID = "composer";

/**
 * The first focusable element of a page with a message box: hidden until focused, it moves focus past
 * the sidebar's conversations to the message box. A fragment link, so it works before hydration too.
 */
export function SkipToComposer() {
  if (!WITH_COMPOSER.test(usePathname())) return null;
  return (
    <a
      href={`#${COMPOSER_ID}`}
      onClick={(e) => {
        const composer = document.getElementById(COMPOSER_ID);
        if (!composer) return;
        e.preventDefault();
        composer.focus();
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60] focus:rounded-md focus:bg-primary focus:px-3 focus:py-2 focus:font-medium focus:text-primary-foreground focus:text-sm focus:shadow-lg focus:outline-none focus:ring-[3px] focus:ring-ring/50"
    >
      Skip to composer
    </a>
  );
}
