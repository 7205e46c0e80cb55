"use client";

import { code } from "@streamdown/code";
import { createMathPlugin } from "@streamdown/math";
import { memo } from "react";
import {
  type Components,
  type ControlsConfig,
  defaultRehypePlugins,
  defaultRemarkPlugins,
  Streamdown,
  type UrlTransform,
} from "streamdown";
import { safeMarkdownUrl } from "@/lib/security/untrusted-url";
import { cn } from "@/lib/utils";
import { normalizeLatexDelimiters } from "./latex-delimiters";
import { MarkdownImage, MarkdownLink } from "./remote-image";

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

type SanitizeSchema = { protocols?: Record<string, string[] | undefined> } & Record<string, unknown>;
const [sanitize, sanitizeSchema] = defaultRehypePlugins.sanitize as [unknown, SanitizeSchema];
/** Streamdown's schema, with data: kept on image sources (safeMarkdownUrl lets through data images only). */
const sanitizeWithDataImages = [
  sanitize,
  {
    ...sanitizeSchema,
    protocols: { ...sanitizeSchema.protocols, src: [...(sanitizeSchema.protocols?.src ?? []), "data"] },
  },
];

/**
 * Model output is untrusted: raw HTML is shown as the text it is (never parsed, so Streamdown's
 * rehype-raw step is left out), sanitize + harden still run as a second line of defence, KaTeX keeps
 * its default `trust: false` (no \href, \url or \includegraphics), and images and links get
 * components that request nothing by themselves (remote-image.tsx).
 */
const remarkPlugins = [...Object.values(defaultRemarkPlugins), () => htmlAsText];
const rehypePlugins = [sanitizeWithDataImages, defaultRehypePlugins.harden] as NonNullable<
  Parameters<typeof Streamdown>[0]["rehypePlugins"]
>;

const safeUrl: UrlTransform = (url, key) => safeMarkdownUrl(url, key);

const components: Components = { a: MarkdownLink, img: MarkdownImage };
const controls: ControlsConfig = { code: { copy: true, download: false }, table: true, image: false };

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
      controls={controls}
      components={components}
    >
      {normalizeLatexDelimiters(text)}
    </Streamdown>
  );
});
