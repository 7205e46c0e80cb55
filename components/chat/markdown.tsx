"use client";

import { code } from "@streamdown/code";
import { createMathPlugin } from "@streamdown/math";
import { memo } from "react";
import { defaultRehypePlugins, defaultRemarkPlugins, Streamdown, type UrlTransform } from "streamdown";
import { cn } from "@/lib/utils";
import { normalizeLatexDelimiters } from "./latex-delimiters";

const plugins = { code, math: createMathPlugin({ singleDollarTextMath: true }) };

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const BLOCK_PARENTS = new Set(["root", "blockquote", "listItem"]);

/** Turn raw HTML in the markdown into plain text, as its own paragraph when it stood as a block. */
function htmlAsText(node: MdNode): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type !== "html") {
      htmlAsText(child);
      return child;
    }
    const text = { type: "text", value: child.value ?? "" };
    return BLOCK_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
  });
}

/**
 * Model output is untrusted: raw HTML is shown as the text it is (never parsed, so Streamdown's
 * rehype-raw step is left out), and sanitize + harden still run as a second line of defence.
 */
const remarkPlugins = [...Object.values(defaultRemarkPlugins), () => htmlAsText];
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden];

const SAFE_PROTOCOL = /^(https?|mailto|tel):/i;
const ANY_PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;

/** Only web, mail and phone links (and relative ones); javascript:, data: and the like are dropped. */
const safeUrl: UrlTransform = (url) => {
  const u = url.trim();
  if (u === "streamdown:incomplete-link") return u;
  if (SAFE_PROTOCOL.test(u)) return u;
  // "java\tscript:" and friends: browsers ignore control characters and whitespace inside a scheme.
  const squeezed = u.replace(/[\p{Cc}\s]/gu, "");
  return ANY_PROTOCOL.test(squeezed) ? null : u;
};

export const Markdown = memo(function Markdown({
  text,
  streaming = false,
  className,
}: {
  text: string;
  streaming?: boolean;
  className?: string;
}) {
  return (
    <Streamdown
      className={cn("min-w-0 break-words", className)}
      plugins={plugins}
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      urlTransform={safeUrl}
      isAnimating={streaming}
      caret={streaming ? "block" : undefined}
      controls={{ code: { copy: true, download: false }, table: true }}
    >
      {normalizeLatexDelimiters(text)}
    </Streamdown>
  );
});
